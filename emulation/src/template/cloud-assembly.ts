/**
 * Finds a stage's main stack in a CDK cloud assembly (`cdk.out/`) and returns its parsed
 * template. A CDK Stage is a nested assembly: the root manifest names it by an artifact of type
 * `cdk:cloud-assembly` whose `properties.directoryName` holds its own manifest, and that
 * manifest lists the stacks (`aws:cloudformation:stack`) with their `displayName`
 * (`Development/Serenya`) and `templateFile`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CfnTemplate } from './template-types.ts';

interface ManifestArtifact {
  readonly type: string;
  readonly displayName?: string;
  readonly properties?: { readonly directoryName?: string; readonly templateFile?: string };
}

interface AssemblyManifest {
  readonly artifacts?: Record<string, ManifestArtifact>;
}

export interface StageStackLocation {
  /** The cloud assembly directory, e.g. `cdk.out`. */
  readonly cloudAssemblyDir: string;
  /** The CDK Stage's construct id (default `Development`). */
  readonly stage?: string;
  /** The stack's id inside the stage (default `Serenya`). */
  readonly stack?: string;
}

/** The template read from the assembly, and where it came from (for messages). */
export interface StageStackTemplate {
  readonly template: CfnTemplate;
  readonly templatePath: string;
  /** The artifact id, which CloudFormation uses as the stack name (e.g. `DevelopmentSerenyaA1B2C3`). */
  readonly stackName: string;
}

/**
 * Reads `<stage>/<stack>`'s template from a cloud assembly.
 *
 * @example
 * ```ts
 * const { template } = await readStageStackTemplate({ cloudAssemblyDir: 'cdk.out' });
 * ```
 */
export async function readStageStackTemplate(location: StageStackLocation): Promise<StageStackTemplate> {
  const stage = location.stage ?? 'Development';
  const stack = location.stack ?? 'Serenya';
  const root = await readManifest(location.cloudAssemblyDir);
  const nested = Object.values(root.artifacts ?? {}).find(
    (artifact) => artifact.type === 'cdk:cloud-assembly' && (artifact.displayName === stage || artifact.properties?.directoryName === `assembly-${stage}`),
  );
  const stageDir = join(location.cloudAssemblyDir, nested?.properties?.directoryName ?? `assembly-${stage}`);
  const manifest = await readManifest(stageDir);
  const displayName = `${stage}/${stack}`;
  const found = Object.entries(manifest.artifacts ?? {}).find(
    ([, artifact]) => artifact.type === 'aws:cloudformation:stack' && artifact.displayName === displayName,
  );
  if (found === undefined) {
    const stacks = Object.values(manifest.artifacts ?? {})
      .filter((artifact) => artifact.type === 'aws:cloudformation:stack')
      .map((artifact) => artifact.displayName);
    throw new Error(`no stack ${displayName} in ${stageDir}/manifest.json (stacks: ${stacks.join(', ') || 'none'})`);
  }
  const [artifactId, artifact] = found;
  const templatePath = join(stageDir, artifact.properties?.templateFile ?? `${artifactId}.template.json`);
  const template = JSON.parse(await readFile(templatePath, 'utf8')) as CfnTemplate;
  if (typeof template.Resources !== 'object' || template.Resources === null) throw new Error(`${templatePath} has no Resources`);
  return { template, templatePath, stackName: artifactId };
}

async function readManifest(directory: string): Promise<AssemblyManifest> {
  const path = join(directory, 'manifest.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`no cloud assembly manifest at ${path}: run \`npx cdk synth\` first`, { cause: error });
  }
  return JSON.parse(text) as AssemblyManifest;
}
