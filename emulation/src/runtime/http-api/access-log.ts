/**
 * Stage access-log lines in the stage's `AccessLogSettings.Format`: every `$context.*`
 * variable replaced by the request's value (`-` when it has none, as API Gateway writes). The
 * values are JSON-escaped, since the formats CDK writes are JSON with the variables in quotes.
 * @module
 */

/** The `$context` values of one request, by variable name without `$context.`. */
export type AccessLogContext = Readonly<Record<string, string | number | undefined>>;

/** API Gateway's default-ish JSON format, for stages that log without a format. */
export const DEFAULT_ACCESS_LOG_FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength"}';

/**
 * @example
 * ```ts
 * formatAccessLog('{"status":"$context.status"}', { status: 200 }); // '{"status":"200"}'
 * ```
 */
export function formatAccessLog(format: string, context: AccessLogContext): string {
  // Longest names first is what the regex's greedy [\w.]+ already gives; trailing dots belong to the text.
  return format.replace(/\$context\.([A-Za-z0-9_.]+[A-Za-z0-9_])/g, (_match, name: string) => {
    const value = context[name];
    const text = value === undefined || value === '' ? '-' : String(value);
    return JSON.stringify(text).slice(1, -1);
  });
}
