import { describe, expect, it } from 'vitest';
import { resourcesOf, synthesizedStages } from '../../testing/synthesized-stages.ts';

const { template } = synthesizedStages().development;
const body = JSON.stringify(resourcesOf(template, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties.DashboardBody);
const functionNames = resourcesOf(template, 'AWS::Lambda::Function')
  .map(([, fn]) => String(fn.Properties.FunctionName))
  .filter((name) => name.startsWith('serenya-'));

describe('dashboard', () => {
  it('graphs the duration of every service function, the streaming chat one included', () => {
    expect(functionNames).toContain('serenya-development-chat-stream');
    for (const name of functionNames) expect(body).toContain(`\\"Duration\\",\\"FunctionName\\",\\"${name}\\"`);
  });

  it('graphs the concurrency of the documents and both chat functions', () => {
    for (const name of ['documents', 'chat', 'chat-stream']) expect(body).toContain(`\\"ConcurrentExecutions\\",\\"FunctionName\\",\\"serenya-development-${name}\\"`);
  });
});
