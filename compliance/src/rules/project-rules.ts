/**
 * Every rule of the project pack, in report order. Adding a rule: a file in this folder named by
 * its id, a fixture test beside it, and an entry here.
 * @module
 */
import { CloudFrontViewerTls12 } from './CloudFrontViewerTls12.ts';
import { CloudFrontWebAcl } from './CloudFrontWebAcl.ts';
import { HttpApiStageAccessLogging } from './HttpApiStageAccessLogging.ts';
import { HttpApiStageThrottling } from './HttpApiStageThrottling.ts';
import { KmsSymmetricKeyRotation } from './KmsSymmetricKeyRotation.ts';
import { LogGroupEncryptedWithRetention } from './LogGroupEncryptedWithRetention.ts';
import type { ProjectRule } from './project-rule.ts';
import { SqsQueueCustomerManagedKey } from './SqsQueueCustomerManagedKey.ts';
import { SqsQueueTlsOnlyPolicy } from './SqsQueueTlsOnlyPolicy.ts';

export const PROJECT_RULES: readonly ProjectRule[] = [
  HttpApiStageAccessLogging,
  HttpApiStageThrottling,
  CloudFrontViewerTls12,
  CloudFrontWebAcl,
  SqsQueueCustomerManagedKey,
  SqsQueueTlsOnlyPolicy,
  KmsSymmetricKeyRotation,
  LogGroupEncryptedWithRetention,
];
