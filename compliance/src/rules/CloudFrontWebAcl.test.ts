import { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { describe, expect, it } from 'vitest';
import { findingIdsOf, fixtureStack } from '../testing/project-findings.ts';

const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/serenya/00000000-0000-0000-0000-000000000000';

describe('Serenya-CloudFrontWebAcl', { timeout: 30_000 }, () => {
  it('passes a distribution associated with a WAFv2 web ACL', () => {
    const stack = fixtureStack();
    new Distribution(stack, 'Edge', { defaultBehavior: { origin: new HttpOrigin('api.example.org') }, webAclId: WEB_ACL_ARN });
    expect(findingIdsOf(stack, 'CloudFrontWebAcl')).toEqual([]);
  });

  it('flags a distribution without a web ACL', () => {
    const stack = fixtureStack();
    new Distribution(stack, 'Edge', { defaultBehavior: { origin: new HttpOrigin('api.example.org') } });
    expect(findingIdsOf(stack, 'CloudFrontWebAcl')).toEqual(['Serenya-CloudFrontWebAcl']);
  });
});
