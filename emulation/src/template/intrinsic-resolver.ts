/**
 * Resolves CloudFormation intrinsic functions in template values against what exists locally:
 * `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub` (both forms), `Fn::Select`, `Fn::Split`,
 * `Fn::Base64`, `Fn::GetAZs`, `Fn::FindInMap`, the condition functions (`Fn::If`,
 * `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`, over the template's `Conditions`)
 * and the pseudo parameters; `AWS::NoValue` removes the property or list item it stands for. `Ref`/`Fn::GetAtt` read a
 * {@link ProvisionedResources} map (what the provisioner made, plus the runtime's stand-ins for
 * what it emulates itself) and caller overrides, which win. Anything that cannot be resolved is
 * an {@link UnresolvableReferenceError} naming the resource and the property it was read for,
 * never a silent `undefined`.
 *
 * Written by hand: no maintained library resolves intrinsics outside CloudFormation, and the
 * subset the emulation needs is small.
 * @module
 */
import type { CfnTemplate, ProvisionedResource, ProvisionedResources } from './template-types.ts';

/** The values of the pseudo parameters (`AWS::Region`…). */
export interface PseudoParameters {
  readonly region: string;
  readonly accountId: string;
  readonly partition?: string;
  readonly urlSuffix?: string;
  readonly stackName?: string;
}

/** A replacement for one resource's `Ref` and/or some of its attributes. */
export interface ResourceOverride {
  readonly ref?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface IntrinsicResolverOptions {
  readonly template: CfnTemplate;
  readonly provisioned: ProvisionedResources;
  readonly pseudo: PseudoParameters;
  /** By logical id: wins over `provisioned`. */
  readonly overrides?: Readonly<Record<string, ResourceOverride>>;
  /** Values for template parameters without a default (or to replace it). */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** Where a value comes from, for error messages: `AuthFunction` `Environment.Variables.TABLE`. */
export interface ValueLocation {
  readonly logicalId: string;
  readonly property: string;
}

export class UnresolvableReferenceError extends Error {
  readonly location: ValueLocation;
  constructor(location: ValueLocation, reason: string) {
    super(`cannot resolve ${location.logicalId}.${location.property}: ${reason}`);
    this.name = 'UnresolvableReferenceError';
    this.location = location;
  }
}

/**
 * Resolves template values to plain JSON (strings, numbers, arrays, objects).
 *
 * @example
 * ```ts
 * const resolver = createIntrinsicResolver({ template, provisioned, pseudo: { region: 'eu-west-1', accountId: '123456789012' } });
 * const tableName = resolver.resolveString({ Ref: 'Table' }, { logicalId: 'AuthFunction', property: 'Environment.Variables.TABLE' });
 * ```
 */
export interface IntrinsicResolver {
  readonly resolve: (value: unknown, location: ValueLocation) => unknown;
  /** Like `resolve`, and the result must be a string (numbers and booleans are stringified). */
  readonly resolveString: (value: unknown, location: ValueLocation) => string;
  /** The resource's `Ref` value. */
  readonly ref: (logicalId: string, location: ValueLocation) => string;
  /** The resource's attribute value (`Fn::GetAtt`). */
  readonly getAtt: (logicalId: string, attribute: string, location: ValueLocation) => string;
  /** A named condition of the template's `Conditions`. */
  readonly condition: (name: string, location: ValueLocation) => boolean;
}

/** What `{ Ref: 'AWS::NoValue' }` resolves to inside `resolve`, before it is dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

export function createIntrinsicResolver(options: IntrinsicResolverOptions): IntrinsicResolver {
  const { template, provisioned, pseudo } = options;
  const overrides = options.overrides ?? {};
  const partition = pseudo.partition ?? 'aws';
  const pseudoValues: Record<string, string> = {
    'AWS::Region': pseudo.region,
    'AWS::AccountId': pseudo.accountId,
    'AWS::Partition': partition,
    'AWS::URLSuffix': pseudo.urlSuffix ?? 'amazonaws.com',
    'AWS::StackName': pseudo.stackName ?? 'Serenya',
    'AWS::StackId': `arn:${partition}:cloudformation:${pseudo.region}:${pseudo.accountId}:stack/${pseudo.stackName ?? 'Serenya'}/local`,
  };
  const conditions = new Map<string, boolean>();

  function describe(logicalId: string): string {
    const resource = template.Resources[logicalId];
    return resource === undefined ? logicalId : `${logicalId} (${resource.Type})`;
  }

  function found(logicalId: string): ProvisionedResource | undefined {
    return provisioned.get(logicalId);
  }

  function ref(logicalId: string, location: ValueLocation): string {
    const pseudoValue = pseudoValues[logicalId];
    if (pseudoValue !== undefined) return pseudoValue;
    const override = overrides[logicalId]?.ref;
    if (override !== undefined) return override;
    const parameter = template.Parameters?.[logicalId];
    if (parameter !== undefined) {
      const value = options.parameters?.[logicalId] ?? parameter.Default;
      if (value === undefined) throw new UnresolvableReferenceError(location, `Ref to parameter ${logicalId}, which has no value or default`);
      return typeof value === 'string' ? value : JSON.stringify(value);
    }
    if (template.Resources[logicalId] === undefined) throw new UnresolvableReferenceError(location, `Ref to ${logicalId}, which is not in the template`);
    const resource = found(logicalId);
    if (resource === undefined) throw new UnresolvableReferenceError(location, `Ref to ${describe(logicalId)}, which was not provisioned locally (pass an override)`);
    return resource.ref;
  }

  function getAtt(logicalId: string, attribute: string, location: ValueLocation): string {
    const override = overrides[logicalId]?.attributes?.[attribute];
    if (override !== undefined) return override;
    if (template.Resources[logicalId] === undefined) throw new UnresolvableReferenceError(location, `Fn::GetAtt ${logicalId}.${attribute}: ${logicalId} is not in the template`);
    const resource = found(logicalId);
    if (resource === undefined) throw new UnresolvableReferenceError(location, `Fn::GetAtt ${describe(logicalId)}.${attribute}: not provisioned locally (pass an override)`);
    const value = resource.attributes[attribute];
    if (value === undefined) {
      throw new UnresolvableReferenceError(location, `Fn::GetAtt ${describe(logicalId)}.${attribute}: provisioned without that attribute (has ${Object.keys(resource.attributes).join(', ') || 'none'})`);
    }
    return value;
  }

  function toText(value: unknown, location: ValueLocation, what: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new UnresolvableReferenceError(location, `${what} gave ${JSON.stringify(value)}, not a string`);
  }

  function sub(text: string, variables: Record<string, unknown>, location: ValueLocation): string {
    // ${!Literal} stays as ${Literal}; ${Name} and ${Resource.Attr} are substituted.
    return text.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (Object.hasOwn(variables, name)) return toText(resolve(variables[name], location), location, `Fn::Sub variable ${name}`);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return getAtt(name.slice(0, dot), name.slice(dot + 1), location);
      return ref(name, location);
    });
  }

  function resolve(value: unknown, location: ValueLocation): unknown {
    const resolved = resolveValue(value, location);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  function resolveValue(value: unknown, location: ValueLocation): unknown {
    if (Array.isArray(value)) return value.map((item) => resolveValue(item, location)).filter((item) => item !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const [first] = entries;
    if (entries.length === 1 && first !== undefined && (first[0] === 'Ref' || first[0].startsWith('Fn::') || (first[0] === 'Condition' && typeof first[1] === 'string'))) {
      if (first[0] === 'Ref' && first[1] === 'AWS::NoValue') return NO_VALUE;
      return resolveFunction(first[0], first[1], location);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, resolveValue(item, location)]).filter(([, item]) => item !== NO_VALUE));
  }

  function toBoolean(value: unknown, location: ValueLocation, what: string): boolean {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new UnresolvableReferenceError(location, `${what} gave ${JSON.stringify(value)}, not a condition`);
  }

  function condition(name: string, location: ValueLocation): boolean {
    let value = conditions.get(name);
    if (value === undefined) {
      const expression = template.Conditions?.[name];
      if (expression === undefined) throw new UnresolvableReferenceError(location, `condition ${name} is not in the template's Conditions`);
      value = toBoolean(resolveValue(expression, location), location, `condition ${name}`);
      conditions.set(name, value);
    }
    return value;
  }

  function resolveFunction(name: string, argument: unknown, location: ValueLocation): unknown {
    switch (name) {
      case 'Ref':
        return ref(toText(argument, location, 'Ref'), location);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument) ? (argument as unknown[]) : toText(argument, location, 'Fn::GetAtt').split(/\.(.*)/s);
        return getAtt(toText(logicalId, location, 'Fn::GetAtt'), toText(resolve(attribute, location), location, 'Fn::GetAtt'), location);
      }
      case 'Fn::Join': {
        const [delimiter, list] = argument as [string, unknown];
        const items = resolve(list, location);
        if (!Array.isArray(items)) throw new UnresolvableReferenceError(location, 'Fn::Join needs a list');
        return items.map((item) => toText(item, location, 'Fn::Join item')).join(delimiter);
      }
      case 'Fn::Sub': {
        if (typeof argument === 'string') return sub(argument, {}, location);
        const [text, variables] = argument as [string, Record<string, unknown>];
        return sub(text, variables, location);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const items = resolve(list, location);
        const at = Number(resolve(index, location));
        if (!Array.isArray(items) || !Number.isInteger(at) || at < 0 || at >= items.length) {
          throw new UnresolvableReferenceError(location, `Fn::Select index ${String(at)} out of ${JSON.stringify(items)}`);
        }
        return items[at];
      }
      case 'Fn::Split': {
        const [delimiter, source] = argument as [string, unknown];
        return toText(resolve(source, location), location, 'Fn::Split source').split(delimiter);
      }
      case 'Fn::Base64':
        return Buffer.from(toText(resolve(argument, location), location, 'Fn::Base64')).toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${pseudo.region}${zone}`);
      case 'Condition':
        return condition(toText(argument, location, 'Condition'), location);
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = argument as [string, unknown, unknown];
        return resolveValue(condition(name, location) ? whenTrue : whenFalse, location);
      }
      case 'Fn::Equals': {
        const [left, right] = (argument as [unknown, unknown]).map((item) => resolve(item, location));
        return JSON.stringify(left) === JSON.stringify(right);
      }
      case 'Fn::Not':
        return !toBoolean(resolve((argument as [unknown])[0], location), location, 'Fn::Not');
      case 'Fn::And':
        return (argument as unknown[]).every((item) => toBoolean(resolve(item, location), location, 'Fn::And'));
      case 'Fn::Or':
        return (argument as unknown[]).some((item) => toBoolean(resolve(item, location), location, 'Fn::Or'));
      case 'Fn::FindInMap': {
        const [map, top, second] = (argument as unknown[]).map((item) => toText(resolve(item, location), location, 'Fn::FindInMap key'));
        const found = template.Mappings?.[map ?? '']?.[top ?? '']?.[second ?? ''];
        if (found === undefined) throw new UnresolvableReferenceError(location, `Fn::FindInMap ${String(map)}.${String(top)}.${String(second)} is not in the template's Mappings`);
        return found;
      }
      default:
        throw new UnresolvableReferenceError(location, `${name} is not supported by the local resolver`);
    }
  }

  return {
    resolve,
    resolveString: (value, location) => toText(resolve(value, location), location, 'the value'),
    ref,
    getAtt,
    condition,
  };
}

/**
 * The logical id a `Ref` or `Fn::GetAtt` in `value` points at, without resolving it: how the
 * runtime follows a route to its integration, an integration to its function.
 *
 * @example
 * ```ts
 * referencedLogicalId({ 'Fn::Join': ['', ['integrations/', { Ref: 'AuthIntegration' }]] }); // 'AuthIntegration'
 * ```
 */
export function referencedLogicalId(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = referencedLogicalId(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string' && !record.Ref.startsWith('AWS::')) return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return referencedLogicalId(Object.values(record));
}
