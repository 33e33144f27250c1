import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthesizedStages } from '../../testing/synthesized-stages.ts';
import { CHAT_STREAM_READ_TIMEOUT } from './serenya-edge.ts';
import { CHAT_STREAM_PATH } from './chat-stream-path.ts';

const { development, production } = synthesizedStages();

/** The logical id of a stage's service function by its short name. */
const functionId = (template: typeof development.template, name: string) => {
  const found = resourcesOf(template, 'AWS::Lambda::Function').find(([, fn]) => String(fn.Properties.FunctionName).endsWith(`-${name}`));
  if (!found) throw new Error(`no function ${name}`);
  return found;
};

describe.each([
  ['development', development.template],
  ['production', production.template],
])('the streaming chat path (%s)', (_stage, template) => {
  const [streamId, stream] = functionId(template, 'chat-stream');
  const [urlId] = resourcesOf(template, 'AWS::Lambda::Url')[0] ?? [];
  const distribution = resourcesOf(template, 'AWS::CloudFront::Distribution')[0]?.[1].Properties.DistributionConfig as {
    Origins: Array<{ Id: string; DomainName: unknown; OriginAccessControlId?: unknown; CustomOriginConfig?: { OriginReadTimeout?: number } }>;
    CacheBehaviors: Array<{ PathPattern: string; TargetOriginId: string; Compress?: boolean; FunctionAssociations?: unknown[] }>;
  };

  it('is the chat-stream function’s URL: RESPONSE_STREAM, AWS_IAM, the only URL of the stack', () => {
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', { TargetFunctionArn: { 'Fn::GetAtt': [streamId, 'Arn'] }, AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM' });
    expect(JSON.stringify(template.findResources('AWS::Lambda::Url'))).not.toContain(functionId(template, 'chat')[0] + '"');
  });

  it(`CloudFront ${CHAT_STREAM_PATH} goes to that URL through a Lambda origin access control, uncompressed, waiting as long as the function may run`, () => {
    const behaviour = distribution.CacheBehaviors.find((b) => b.PathPattern === CHAT_STREAM_PATH);
    expect(behaviour).toMatchObject({ Compress: false, FunctionAssociations: [expect.objectContaining({ EventType: 'viewer-request' })] });
    const origin = distribution.Origins.find((o) => o.Id === behaviour?.TargetOriginId);
    expect(JSON.stringify(origin?.DomainName)).toContain(`"${urlId}","FunctionUrl"`);
    expect(origin?.CustomOriginConfig?.OriginReadTimeout).toBe(CHAT_STREAM_READ_TIMEOUT.toSeconds());
    expect(stream.Properties.Timeout).toBe(CHAT_STREAM_READ_TIMEOUT.toSeconds());
    const oacId = (origin?.OriginAccessControlId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    template.hasResource('AWS::CloudFront::OriginAccessControl', {
      Properties: { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always' }) },
    });
    expect(Object.keys(template.findResources('AWS::CloudFront::OriginAccessControl'))).toContain(oacId);
  });

  it('only this distribution may invoke the URL (principal CloudFront, SourceArn the distribution: no public access)', () => {
    const permissions = resourcesOf(template, 'AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes(urlId ?? '?'));
    expect(permissions.length).toBeGreaterThan(0);
    for (const [, { Properties }] of permissions) {
      expect(Properties.Principal).toBe('cloudfront.amazonaws.com');
      expect(JSON.stringify(Properties.SourceArn)).toMatch(/:distribution\/.*"Ref":"EdgeDistribution/);
    }
    expect(permissions.map(([, p]) => p.Properties.Action).sort()).toEqual(['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl']);
  });
});
