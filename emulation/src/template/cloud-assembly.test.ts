import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStageStackTemplate } from './cloud-assembly.ts';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

/** A cloud assembly shaped like `cdk synth` writes one for a Stage with two stacks. */
async function writeAssembly(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'cdk-out-'));
  directories.push(root);
  await writeFile(
    join(root, 'manifest.json'),
    JSON.stringify({
      version: '48.0.0',
      artifacts: {
        Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
        assemblyDevelopment: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Development', displayName: 'Development' } },
      },
    }),
  );
  const stage = join(root, 'assembly-Development');
  await mkdir(stage);
  await writeFile(
    join(stage, 'manifest.json'),
    JSON.stringify({
      artifacts: {
        DevelopmentEdgeABC: { type: 'aws:cloudformation:stack', displayName: 'Development/Edge', properties: { templateFile: 'DevelopmentEdgeABC.template.json' } },
        DevelopmentSerenya1234: { type: 'aws:cloudformation:stack', displayName: 'Development/Serenya', properties: { templateFile: 'DevelopmentSerenya1234.template.json' } },
      },
    }),
  );
  await writeFile(join(stage, 'DevelopmentSerenya1234.template.json'), JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }));
  return root;
}

describe('readStageStackTemplate', () => {
  it("follows the root manifest to the stage's assembly and returns the main stack's template", async () => {
    const root = await writeAssembly();
    const { template, stackName, templatePath } = await readStageStackTemplate({ cloudAssemblyDir: root });
    expect(template.Resources).toEqual({ Queue: { Type: 'AWS::SQS::Queue' } });
    expect(stackName).toBe('DevelopmentSerenya1234');
    expect(templatePath).toBe(join(root, 'assembly-Development', 'DevelopmentSerenya1234.template.json'));
  });

  it('says which stacks exist when the one asked for does not, and when there is no assembly', async () => {
    const root = await writeAssembly();
    await expect(readStageStackTemplate({ cloudAssemblyDir: root, stack: 'Missing' })).rejects.toThrow(/no stack Development\/Missing .*Development\/Edge, Development\/Serenya/);
    await expect(readStageStackTemplate({ cloudAssemblyDir: join(root, 'nope') })).rejects.toThrow(/run `npx cdk synth` first/);
  });
});
