import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Distribution, SecurityPolicyProtocol } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { findingIdsOf, fixtureStack } from '../testing/project-findings.ts';
import { isModernViewerPolicy } from './CloudFrontViewerTls12.ts';

const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

function distribution(stack: Stack, minimumProtocolVersion?: SecurityPolicyProtocol, withCertificate = true): void {
  new Distribution(stack, 'Edge', {
    defaultBehavior: { origin: new HttpOrigin('api.example.org') },
    ...(withCertificate
      ? { certificate: Certificate.fromCertificateArn(stack, 'Cert', CERTIFICATE_ARN), domainNames: ['app.example.org'], minimumProtocolVersion }
      : {}),
  });
}

describe('Serenya-CloudFrontViewerTls12', { timeout: 30_000 }, () => {
  it('passes a custom certificate with the TLSv1.2_2021 policy', () => {
    const stack = fixtureStack();
    distribution(stack, SecurityPolicyProtocol.TLS_V1_2_2021);
    expect(findingIdsOf(stack, 'CloudFrontViewerTls12')).toEqual([]);
  });

  it('flags the default cloudfront.net certificate (CloudFront pins it to TLSv1)', () => {
    const stack = fixtureStack();
    distribution(stack, undefined, false);
    expect(findingIdsOf(stack, 'CloudFrontViewerTls12')).toEqual(['Serenya-CloudFrontViewerTls12']);
  });

  it('flags TLSv1.2_2018, which still admits CBC ciphers', () => {
    const stack = fixtureStack();
    distribution(stack, SecurityPolicyProtocol.TLS_V1_2_2018);
    expect(findingIdsOf(stack, 'CloudFrontViewerTls12')).toEqual(['Serenya-CloudFrontViewerTls12']);
  });

  it('accepts 2019 and later TLS 1.2 policies and any TLS 1.3 policy, nothing older', () => {
    expect(['TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'].map(isModernViewerPolicy)).toEqual([true, true, true, true]);
    expect(['TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018', 'SSLv3'].map(isModernViewerPolicy)).toEqual([false, false, false, false, false]);
  });
});
