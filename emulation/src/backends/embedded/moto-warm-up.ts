/**
 * One cheap read-only call to each AWS service Serenya uses, so that moto imports the service's
 * backend before the first test does. Moto loads a backend on first use (S3 ~80 ms, KMS ~40 ms
 * on a 2-core machine), which otherwise lands inside some unlucky test's timeout.
 *
 * Plain HTTP instead of SDK clients: only @aws-sdk/client-kms is installed. Moto does not check
 * signatures; it picks the service from the credential scope of the Authorization header, so a
 * syntactically valid header with a dummy signature is enough.
 * @module
 */

export type WarmedService = 's3' | 'sqs' | 'kms' | 'dynamodb' | 'monitoring' | 'logs' | 'secretsmanager' | 'sts';

interface WarmUpCall {
  /** The signing name in the credential scope: CloudWatch's is `monitoring`. */
  service: WarmedService;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

function jsonCall(service: WarmedService, target: string, jsonVersion: '1.0' | '1.1'): WarmUpCall {
  return {
    service,
    method: 'POST',
    headers: { 'X-Amz-Target': target, 'Content-Type': `application/x-amz-json-${jsonVersion}` },
    body: '{}',
  };
}

function queryCall(service: WarmedService, action: string, version: string): WarmUpCall {
  return {
    service,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ Action: action, Version: version }).toString(),
  };
}

const WARM_UP_CALLS: readonly WarmUpCall[] = [
  { service: 's3', method: 'GET' },
  jsonCall('sqs', 'AmazonSQS.ListQueues', '1.0'),
  jsonCall('kms', 'TrentService.ListKeys', '1.1'),
  jsonCall('dynamodb', 'DynamoDB_20120810.ListTables', '1.0'),
  queryCall('monitoring', 'ListMetrics', '2010-08-01'),
  jsonCall('logs', 'Logs_20140328.DescribeLogGroups', '1.1'),
  jsonCall('secretsmanager', 'secretsmanager.ListSecrets', '1.1'),
  queryCall('sts', 'GetCallerIdentity', '2011-06-15'),
];

function dummySigV4Authorization(service: WarmedService, region: string): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `AWS4-HMAC-SHA256 Credential=testing/${day}/${region}/${service}/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
}

/**
 * Calls every service once, one after the other (moto serialises backend imports under the
 * GIL anyway, and sequential calls give honest per-service times). Throws on any non-200.
 * Returns the milliseconds each call took.
 *
 * @example
 * ```ts
 * const perService = await warmUpMotoServices('http://127.0.0.1:5000', 'eu-west-1');
 * // { s3: 212, sqs: 95, kms: 61, ... }
 * ```
 */
export async function warmUpMotoServices(endpoint: string, region: string): Promise<Record<WarmedService, number>> {
  const timings: Partial<Record<WarmedService, number>> = {};
  for (const call of WARM_UP_CALLS) {
    const startedAt = performance.now();
    const response = await fetch(`${endpoint}/`, {
      method: call.method,
      headers: { ...call.headers, Authorization: dummySigV4Authorization(call.service, region) },
      body: call.body,
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`moto warm-up call to ${call.service} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    timings[call.service] = Math.round(performance.now() - startedAt);
  }
  return timings as Record<WarmedService, number>;
}
