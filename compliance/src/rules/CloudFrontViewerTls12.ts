/**
 * A CloudFront distribution serves viewers over TLS 1.2 or newer only, with a modern cipher set:
 * security policy TLSv1.2_2019 or later (or any TLSv1.3 policy). The default `*.cloudfront.net`
 * certificate cannot carry such a policy (CloudFront pins it to TLSv1), so it is non-compliant.
 * TLSv1.2_2018 is refused too: it still admits CBC ciphers without forward secrecy.
 * @module
 */
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { ProjectRule } from './project-rule.ts';

interface ViewerCertificate {
  cloudFrontDefaultCertificate?: unknown;
  minimumProtocolVersion?: unknown;
}

/** The first TLS 1.2 policy year whose ciphers are all AEAD with forward secrecy. */
const OLDEST_ACCEPTED_TLS12_POLICY_YEAR = 2019;

/** Whether a CloudFront security policy name admits TLS 1.2+ with modern ciphers only. */
export function isModernViewerPolicy(policy: string): boolean {
  const match = /^TLSv1\.(\d)_(\d{4})$/.exec(policy);
  if (!match) return false;
  const [, minor, year] = match;
  if (Number(minor) >= 3) return true;
  return Number(minor) === 2 && Number(year) >= OLDEST_ACCEPTED_TLS12_POLICY_YEAR;
}

const viewerCertificateOf = (distribution: CfnDistribution): ViewerCertificate | undefined =>
  (Stack.of(distribution).resolve(distribution.distributionConfig) as { viewerCertificate?: ViewerCertificate } | undefined)?.viewerCertificate;

/** Whether the distribution serves CloudFront's default `*.cloudfront.net` certificate (no viewer certificate of its own). */
export function servesDefaultCertificate(distribution: CfnDistribution): boolean {
  const certificate = viewerCertificateOf(distribution);
  return certificate === undefined || certificate.cloudFrontDefaultCertificate === true;
}

export const CloudFrontViewerTls12: ProjectRule = {
  id: 'CloudFrontViewerTls12',
  info: 'The CloudFront distribution does not enforce TLS 1.2+ (security policy TLSv1.2_2019 or newer with its own certificate) - (Control IDs: 164.312(e)(1), 164.312(e)(2)(i), 164.312(e)(2)(ii)).',
  explanation:
    'ePHI crosses the internet between the app and CloudFront. Older protocols and CBC cipher suites have practical attacks; the default cloudfront.net certificate forces the TLSv1 policy, so a custom ACM certificate with a TLS 1.2+ policy is the only way to refuse them.',
  level: NagMessageLevel.ERROR,
  check(node: CfnResource) {
    if (!(node instanceof CfnDistribution)) return NagRuleCompliance.NOT_APPLICABLE;
    if (servesDefaultCertificate(node)) return NagRuleCompliance.NON_COMPLIANT;
    const policy = viewerCertificateOf(node)?.minimumProtocolVersion;
    return typeof policy === 'string' && isModernViewerPolicy(policy) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
