/**
 * The one Powertools Logger of a process: JSON lines with the service name, the request id
 * (appended per request by the request-context middleware) and, in Lambda, the cold-start flag.
 *
 * Never log PHI: ids, codes and counts only. Names, e-mails, tokens and document text stay out.
 *
 * @example
 * ```ts
 * import { logger } from '../observability/logger.ts';
 * logger.info('user signed in', { userId });
 * ```
 * @module
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'serenya',
});
