/**
 * `npm run local -- --backend aws`: starts nothing. Reads what `cdk deploy --outputs-file`
 * wrote for a deployed stage and gives the same endpoint keys as the local platform, so load
 * and e2e runs can target that stage with the same `.local/endpoints.json`.
 *
 * The outputs file maps each stack name to its outputs (`{ "DevelopmentSerenya1A2B": { "ApiUrl":
 * "https://…" } }`). Output keys are matched by what they name (api URL, web URL, JWKS URL…),
 * not by an exact spelling, and every output is kept under `outputs` as well.
 * @module
 */
import { readFile } from 'node:fs/promises';

export const DEFAULT_OUTPUTS_FILE = 'cdk-outputs.json';

/** The deployed stage's endpoints; `api` is required, the rest as the stack outputs them. */
export interface DeployedEndpoints {
  readonly backend: 'aws';
  readonly stack: string;
  readonly api: string;
  readonly web?: string;
  readonly jwks?: string;
  readonly region?: string;
  /** Every output of the stack, by its key. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** Endpoint key → output keys it is read from (lower-case, non-letters removed), first match wins. */
const ENDPOINT_OUTPUT_KEYS: ReadonlyArray<readonly [keyof Omit<DeployedEndpoints, 'backend' | 'stack' | 'outputs'>, RegExp]> = [
  ['api', /^(http)?api(gateway)?(url|endpoint)$|^apiurl/],
  ['web', /^(web(console)?|console|cloudfront|distribution)(url|domain(name)?)$/],
  ['jwks', /^(accesstoken)?jwks(url|uri)$/],
  ['region', /^region$/],
];

/**
 * The endpoints of the stack in `file` (the only one, or the one whose name contains `stack`).
 *
 * @example
 * ```ts
 * const endpoints = await readDeployedEndpoints('cdk-outputs.json');
 * endpoints.api; // 'https://abc123.execute-api.eu-west-1.amazonaws.com'
 * ```
 */
export async function readDeployedEndpoints(file: string, stack?: string): Promise<DeployedEndpoints> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`no outputs file at ${file}: deploy with \`npx cdk deploy 'Development/*' --outputs-file ${file}\` first, or pass --outputs <file>`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON: expected what \`cdk deploy --outputs-file\` writes`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file} must hold an object of stacks and their outputs`);
  const stacks = Object.entries(parsed as Record<string, unknown>).filter(([, outputs]) => typeof outputs === 'object' && outputs !== null);
  const withApi = stacks.filter(([, outputs]) => Object.keys(outputs as object).some((key) => ENDPOINT_OUTPUT_KEYS[0]![1].test(normalise(key))));
  const chosen = stack === undefined ? (withApi.length === 1 ? withApi : stacks) : stacks.filter(([name]) => name.includes(stack));
  if (chosen.length !== 1) {
    const names = stacks.map(([name]) => name).join(', ') || 'none';
    throw new Error(`${file}: cannot tell which stack to use (stacks: ${names}); name one with --stack`);
  }
  const [stackName, rawOutputs] = chosen[0]!;
  const outputs = Object.fromEntries(Object.entries(rawOutputs as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
  const found: Partial<Record<string, string>> = {};
  for (const [endpoint, pattern] of ENDPOINT_OUTPUT_KEYS) {
    const key = Object.keys(outputs).find((name) => pattern.test(normalise(name)));
    if (key !== undefined) found[endpoint] = withoutTrailingSlash(outputs[key]!);
  }
  if (found.api === undefined) throw new Error(`${file}: stack ${stackName} has no API URL output (outputs: ${Object.keys(outputs).join(', ') || 'none'})`);
  return {
    backend: 'aws',
    stack: stackName,
    api: found.api,
    ...(found.web === undefined ? {} : { web: found.web }),
    ...(found.jwks === undefined ? {} : { jwks: found.jwks }),
    ...(found.region === undefined ? {} : { region: found.region }),
    outputs,
  };
}

function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z]/g, '');
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
