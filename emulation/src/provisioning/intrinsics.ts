/**
 * A minimal CloudFormation intrinsic-function resolver for provisioning: `Ref`, `Fn::GetAtt`,
 * `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`, `Fn::If`, `Fn::Equals`/`Not`/`And`/`Or`,
 * `Fn::Base64`, `Fn::GetAZs`, `Condition`, and the pseudo parameters. Written here because
 * emulation/src/template had no resolver yet when provisioning was built; merge it into the
 * template engineer's resolver once that exists (provisioning only needs `resolveIntrinsics`).
 * @module
 */
import type { CfnTemplate, ProvisionedResources } from '../template/template-types.ts';

export interface PseudoParameters {
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  readonly partition?: string;
  readonly urlSuffix?: string;
}

export interface IntrinsicContext {
  /** Resources provisioned so far (a `Ref` to anything else is an ordering bug: it throws). */
  readonly resources: ProvisionedResources;
  /** Parameter values by name: the caller's, else the template's `Default`. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly pseudo: PseudoParameters;
  /** Evaluated template conditions by name. */
  readonly conditions: Readonly<Record<string, boolean>>;
}

/** Thrown for a reference that cannot be resolved: the message names the path inside the value. */
export class IntrinsicResolutionError extends Error {
  override readonly name = 'IntrinsicResolutionError';
}

/** `Ref: AWS::NoValue`: the property is removed, as CloudFormation does. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Resolves every intrinsic function inside `value`, returning plain JSON. */
export function resolveIntrinsics(value: unknown, context: IntrinsicContext): unknown {
  const resolved = resolve(value, context, '$');
  return resolved === NO_VALUE ? undefined : resolved;
}

/** Parameter values: the caller's first, then the template's defaults. */
export function parameterValues(template: CfnTemplate, given: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (name in given) values[name] = given[name];
    else if (parameter.Default !== undefined) values[name] = parameter.Default;
  }
  return { ...values, ...given };
}

/** Evaluates the template's `Conditions` section (conditions may refer to each other). */
export function evaluateConditions(template: CfnTemplate, context: Omit<IntrinsicContext, 'conditions'>): Record<string, boolean> {
  const definitions = (template as { Conditions?: Record<string, unknown> }).Conditions ?? {};
  const conditions: Record<string, boolean> = {};
  const evaluating = new Set<string>();
  const evaluate = (name: string): boolean => {
    const known = conditions[name];
    if (known !== undefined) return known;
    if (!(name in definitions)) throw new IntrinsicResolutionError(`condition ${name} is not defined in the template`);
    if (evaluating.has(name)) throw new IntrinsicResolutionError(`condition ${name} refers to itself`);
    evaluating.add(name);
    const proxy = new Proxy<Record<string, boolean>>({}, { get: (_target, key: string) => evaluate(key), has: () => true });
    const result = resolve(definitions[name], { ...context, conditions: proxy }, `Conditions.${name}`);
    conditions[name] = result === true || result === 'true';
    return conditions[name];
  };
  for (const name of Object.keys(definitions)) evaluate(name);
  return conditions;
}

function resolve(value: unknown, context: IntrinsicContext, path: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => resolve(item, context, `${path}[${index}]`)).filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, argument] = entries[0] as [string, unknown];
    if (key === 'Ref') return resolveRef(argument, context, path);
    if (key === 'Condition' && typeof argument === 'string') return conditionValue(argument, context);
    if (key.startsWith('Fn::')) return resolveFunction(key, argument, context, path);
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const resolved = resolve(item, context, `${path}.${key}`);
    if (resolved !== NO_VALUE) result[key] = resolved;
  }
  return result;
}

function resolveRef(name: unknown, context: IntrinsicContext, path: string): unknown {
  if (typeof name !== 'string') throw new IntrinsicResolutionError(`${path}: Ref takes a name`);
  switch (name) {
    case 'AWS::Region':
      return context.pseudo.region;
    case 'AWS::AccountId':
      return context.pseudo.accountId;
    case 'AWS::StackName':
      return context.pseudo.stackName;
    case 'AWS::StackId':
      return `arn:${partition(context)}:cloudformation:${context.pseudo.region}:${context.pseudo.accountId}:stack/${context.pseudo.stackName}/00000000-0000-4000-8000-000000000000`;
    case 'AWS::Partition':
      return partition(context);
    case 'AWS::URLSuffix':
      return context.pseudo.urlSuffix ?? 'amazonaws.com';
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::NotificationARNs':
      return [];
  }
  if (name in context.parameters) return context.parameters[name];
  const resource = context.resources.get(name);
  if (resource === undefined) throw new IntrinsicResolutionError(`${path}: Ref ${name}: no such parameter or provisioned resource`);
  return resource.ref;
}

function resolveGetAtt(argument: unknown, context: IntrinsicContext, path: string): unknown {
  let logicalId: unknown;
  let attribute: unknown;
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    [logicalId, attribute] = [argument.slice(0, dot), argument.slice(dot + 1)];
  } else if (Array.isArray(argument)) {
    logicalId = argument[0];
    attribute = resolve(argument[1], context, `${path}[1]`);
  }
  if (typeof logicalId !== 'string' || typeof attribute !== 'string') throw new IntrinsicResolutionError(`${path}: Fn::GetAtt takes [logicalId, attribute]`);
  const resource = context.resources.get(logicalId);
  if (resource === undefined) throw new IntrinsicResolutionError(`${path}: Fn::GetAtt ${logicalId}.${attribute}: no provisioned resource ${logicalId}`);
  const value = resource.attributes[attribute];
  if (value === undefined) {
    throw new IntrinsicResolutionError(
      `${path}: Fn::GetAtt ${logicalId}.${attribute}: ${resource.type} has no attribute ${attribute} here (known: ${Object.keys(resource.attributes).join(', ') || 'none'})`,
    );
  }
  return value;
}

function resolveFunction(name: string, argument: unknown, context: IntrinsicContext, path: string): unknown {
  const at = `${path}.${name}`;
  switch (name) {
    case 'Fn::GetAtt':
      return resolveGetAtt(argument, context, at);
    case 'Fn::Join': {
      const [separator, items] = expectArray(argument, 2, at);
      const list = resolve(items, context, at);
      if (typeof separator !== 'string' || !Array.isArray(list)) throw new IntrinsicResolutionError(`${at}: takes [separator, list]`);
      return list.map((item) => String(item)).join(separator);
    }
    case 'Fn::Sub':
      return resolveSub(argument, context, at);
    case 'Fn::Select': {
      const [index, items] = expectArray(argument, 2, at);
      const list = resolve(items, context, at);
      const position = Number(resolve(index, context, at));
      if (!Array.isArray(list) || !(position in list)) throw new IntrinsicResolutionError(`${at}: index ${position} out of range`);
      return list[position];
    }
    case 'Fn::Split': {
      const [separator, source] = expectArray(argument, 2, at);
      return String(resolve(source, context, at)).split(String(separator));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = expectArray(argument, 3, at);
      return resolve(conditionValue(String(condition), context) ? whenTrue : whenFalse, context, at);
    }
    case 'Fn::Equals': {
      const [left, right] = expectArray(argument, 2, at);
      return JSON.stringify(resolve(left, context, at)) === JSON.stringify(resolve(right, context, at));
    }
    case 'Fn::Not':
      return !truthy(resolve(expectArray(argument, 1, at)[0], context, at));
    case 'Fn::And':
      return expectArray(argument, undefined, at).every((item) => truthy(resolve(item, context, at)));
    case 'Fn::Or':
      return expectArray(argument, undefined, at).some((item) => truthy(resolve(item, context, at)));
    case 'Fn::Base64':
      return Buffer.from(String(resolve(argument, context, at))).toString('base64');
    case 'Fn::GetAZs':
      return ['a', 'b', 'c'].map((zone) => `${context.pseudo.region}${zone}`);
    default:
      throw new IntrinsicResolutionError(`${at}: ${name} is not supported by the emulator's provisioning`);
  }
}

function resolveSub(argument: unknown, context: IntrinsicContext, at: string): string {
  const [text, variables] = typeof argument === 'string' ? [argument, {}] : expectArray(argument, 2, at);
  if (typeof text !== 'string') throw new IntrinsicResolutionError(`${at}: takes a string or [string, variables]`);
  const locals = resolve(variables, context, at) as Record<string, unknown>;
  return text.replace(/\$\{([^}]*)\}/g, (whole, reference: string) => {
    if (reference.startsWith('!')) return `\${${reference.slice(1)}}`;
    if (reference in locals) return String(locals[reference]);
    if (reference.includes('.') && !reference.startsWith('AWS::')) return String(resolveGetAtt(reference, context, at));
    const value = resolveRef(reference, context, at);
    if (value === NO_VALUE) throw new IntrinsicResolutionError(`${at}: ${whole} cannot be AWS::NoValue`);
    return String(value);
  });
}

function conditionValue(name: string, context: IntrinsicContext): boolean {
  const value = context.conditions[name];
  if (value === undefined) throw new IntrinsicResolutionError(`condition ${name} is not defined in the template`);
  return value;
}

function expectArray(argument: unknown, length: number | undefined, at: string): unknown[] {
  if (!Array.isArray(argument) || (length !== undefined && argument.length !== length)) {
    throw new IntrinsicResolutionError(`${at}: expected a list${length === undefined ? '' : ` of ${length}`}`);
  }
  return argument;
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}

function partition(context: IntrinsicContext): string {
  return context.pseudo.partition ?? 'aws';
}
