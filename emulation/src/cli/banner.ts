/**
 * What `npm run local` prints: one line per finished step, then the ready banner with every URL.
 * @module
 */
import type { DeployedEndpoints } from '../backends/aws.ts';
import type { ProgressEvent } from '../local/start-local-platform.ts';
import type { LocalEndpoints } from '../local/endpoints-file.ts';

export function formatProgress(event: ProgressEvent): string | undefined {
  if (event.status === 'start') return undefined;
  const label = `[${event.step}/7] ${event.name}`;
  if (event.status === 'warning') return `  ${label}: warning: ${event.detail ?? ''}`;
  return `  ${label.padEnd(44, ' ')} ${formatMs(event.ms).padStart(7)}${event.detail === undefined ? '' : `  ${event.detail}`}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Hides the password of a postgres:// URL for the screen (endpoints.json keeps it). */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

export function readyBanner(endpoints: LocalEndpoints, endpointsFile: string, extra: { seeded?: string; faults: string; awsLabel: string }): string {
  const rows: Array<[string, string]> = [
    ['API', endpoints.api],
    ['Web console', endpoints.web],
    ['Alarm states', String(endpoints.alarms)],
    ['Sign-in page', endpoints.signIn],
    ['Bedrock mock', `${endpoints.bedrock}  (faults: ${extra.faults}; GET/POST /_mock/config, GET /_mock/stats)`],
    [`AWS (${extra.awsLabel})`, `${endpoints.moto}  (region ${String(endpoints.region)})`],
    ['PostgreSQL', withoutPassword(endpoints.postgres)],
  ];
  return [
    '',
    `serenya local is ready in ${formatMs(endpoints.readyMs)} (${endpoints.readyMs} ms)`,
    ...rows.map(([name, url]) => `  ${name.padEnd(20)} ${url}`),
    `  ${'Endpoints (JSON)'.padEnd(20)} ${endpointsFile}`,
    ...(extra.seeded === undefined ? [] : [`  ${'Demo user'.padEnd(20)} ${extra.seeded}`]),
    '',
    `Sign in: open ${endpoints.signIn}, or`,
    `  curl -s -X POST ${String(endpoints.googleIdToken)} -H 'content-type: application/json' -d '{"email":"you@example.com"}'`,
    `  then POST ${endpoints.api}/auth/google with {"idToken": "…"}`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

export function deployedBanner(endpoints: DeployedEndpoints, outputsFile: string, endpointsFile: string): string {
  return [
    `serenya: the deployed stack ${endpoints.stack} (from ${outputsFile}); nothing was started`,
    `  ${'API'.padEnd(20)} ${endpoints.api}`,
    ...(endpoints.web === undefined ? [] : [`  ${'Web console'.padEnd(20)} ${endpoints.web}`]),
    ...(endpoints.jwks === undefined ? [] : [`  ${'JWKS'.padEnd(20)} ${endpoints.jwks}`]),
    `  ${'Endpoints (JSON)'.padEnd(20)} ${endpointsFile}`,
  ].join('\n');
}
