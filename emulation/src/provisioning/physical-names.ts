/**
 * Physical names for resources whose template sets none, in CloudFormation's
 * `<stack>-<logicalId>-<SUFFIX>` pattern. The suffix is a hash of stack and logical id instead
 * of random: the same template gets the same names on every start, so names printed once, or
 * stored in the local database, stay valid.
 * @module
 */
import { createHash } from 'node:crypto';

export interface PhysicalNameOptions {
  readonly stackName: string;
  readonly logicalId: string;
  /** The service's limit (S3 63, SQS 80, DynamoDB 255, alarms 255…). */
  readonly maxLength: number;
  /** S3 bucket names are lower case. */
  readonly lowerCase?: boolean;
  /** Appended after the suffix, e.g. `.fifo` for FIFO queues. */
  readonly ending?: string;
}

const SUFFIX_LENGTH = 12;

export function generatePhysicalName(options: PhysicalNameOptions): string {
  const ending = options.ending ?? '';
  const suffix = BigInt(`0x${createHash('sha256').update(`${options.stackName}/${options.logicalId}`).digest('hex').slice(0, 16)}`)
    .toString(36)
    .toUpperCase()
    .padStart(SUFFIX_LENGTH, '0')
    .slice(0, SUFFIX_LENGTH);
  // CloudFormation shortens stack name and logical id, never the suffix.
  const room = options.maxLength - SUFFIX_LENGTH - ending.length - 2;
  const stackPart = options.stackName.slice(0, Math.ceil(room / 2));
  const logicalPart = options.logicalId.slice(0, room - stackPart.length);
  const name = `${stackPart}-${logicalPart}-${suffix}${ending}`;
  return options.lowerCase === true ? name.toLowerCase() : name;
}
