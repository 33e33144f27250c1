/**
 * What the runtime needs to run one `AWS::Lambda::Function` from source: the handler module
 * and export (metadata `serenya:entry`, `serenya:handler`), its limits, and its environment
 * variables resolved to local values. Functions without the metadata (CDK's own providers, log
 * retention…) are listed as skipped with the reason, not run.
 * @module
 */
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { IntrinsicResolver } from '../../template/intrinsic-resolver.ts';
import { lambdaFunctions, type LambdaFunctionProperties } from '../../template/template-resources.ts';
import type { CfnTemplate } from '../../template/template-types.ts';

/** CloudFormation's defaults for `AWS::Lambda::Function`. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

export interface LocalFunctionDefinition {
  readonly logicalId: string;
  /** `FunctionName` if the template sets it, else the logical id. */
  readonly functionName: string;
  readonly arn: string;
  /** Absolute path of the handler's source. */
  readonly entryPath: string;
  readonly handlerName: string;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  /** `ReservedConcurrentExecutions`; undefined: the account's unreserved pool. */
  readonly reservedConcurrency: number | undefined;
  /** `LoggingConfig.LogGroup` when the template sets it and it resolves, else `/aws/lambda/<name>`. */
  readonly logGroupName: string;
  /** The template's variables, resolved, with the caller's overrides applied. */
  readonly environment: Readonly<Record<string, string>>;
}

export interface SkippedFunction {
  readonly logicalId: string;
  readonly reason: string;
}

export interface FunctionDefinitionOptions {
  readonly resolver: IntrinsicResolver;
  /** `serenya:entry` is relative to this directory. */
  readonly repositoryRoot: string;
  readonly region: string;
  readonly accountId: string;
  /** Replace or add variables in every function; a replaced variable is never resolved. */
  readonly environmentOverrides?: Readonly<Record<string, string>>;
}

/** The function's `Timeout` in milliseconds, CloudFormation's default when it has none. */
export function functionTimeoutMs(properties: LambdaFunctionProperties): number {
  return (properties.Timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}

/** The physical name the runtime gives a function: `FunctionName` when it is a plain string. */
export function localFunctionName(logicalId: string, functionName: unknown): string {
  return typeof functionName === 'string' ? functionName : logicalId;
}

/**
 * Every runnable function of the template, and the ones that are not.
 *
 * @example
 * ```ts
 * const { functions, skipped } = functionDefinitionsFromTemplate(template, { resolver, repositoryRoot: process.cwd(), region, accountId });
 * ```
 */
export function functionDefinitionsFromTemplate(
  template: CfnTemplate,
  options: FunctionDefinitionOptions,
): { functions: LocalFunctionDefinition[]; skipped: SkippedFunction[] } {
  const functions: LocalFunctionDefinition[] = [];
  const skipped: SkippedFunction[] = [];
  for (const { logicalId, properties, metadata } of lambdaFunctions(template)) {
    const entry = metadata['serenya:entry'];
    const handlerName = metadata['serenya:handler'];
    if (typeof entry !== 'string' || typeof handlerName !== 'string') {
      skipped.push({ logicalId, reason: 'no serenya:entry/serenya:handler metadata' });
      continue;
    }
    const functionName = localFunctionName(logicalId, properties.FunctionName);
    const overrides = options.environmentOverrides ?? {};
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(properties.Environment?.Variables ?? {})) {
      if (name in overrides) continue;
      environment[name] = options.resolver.resolveString(value, { logicalId, property: `Environment.Variables.${name}` });
    }
    let logGroupName = `/aws/lambda/${functionName}`;
    if (properties.LoggingConfig?.LogGroup !== undefined) {
      try {
        logGroupName = options.resolver.resolveString(properties.LoggingConfig.LogGroup, { logicalId, property: 'LoggingConfig.LogGroup' });
      } catch {
        // A log group the provisioner did not make: Lambda's default name still identifies the function.
      }
    }
    functions.push({
      logicalId,
      functionName,
      logGroupName,
      arn: `arn:aws:lambda:${options.region}:${options.accountId}:function:${functionName}`,
      entryPath: isAbsolute(entry) ? entry : resolvePath(options.repositoryRoot, entry),
      handlerName,
      timeoutMs: functionTimeoutMs(properties),
      memoryMb: properties.MemorySize ?? DEFAULT_MEMORY_MB,
      reservedConcurrency: properties.ReservedConcurrentExecutions,
      environment: { ...environment, ...overrides },
    });
  }
  return { functions, skipped };
}
