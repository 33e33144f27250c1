/**
 * The one resolver of CloudFormation intrinsic functions in the emulation: the runtime, the
 * provisioner, the drift check and the alarm evaluator all read template values through it.
 * Covers `Ref`, `Fn::GetAtt` (both spellings), `Fn::Join`, `Fn::Sub` (both forms),
 * `Fn::Select`, `Fn::Split`, `Fn::Base64`, `Fn::GetAZs`, `Fn::FindInMap`, the condition
 * functions (`Fn::If`, `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`, over the
 * template's `Conditions`, memoised, a cycle is an error), the template's parameters (the
 * caller's values, else `Default`; list types give lists) and the pseudo parameters;
 * `AWS::NoValue` removes the property or list item it stands for. `Ref`/`Fn::GetAtt` read a
 * {@link ProvisionedResources} map (what the provisioner made, plus the runtime's stand-ins for
 * what it emulates itself) at the moment of resolution, so a map that grows as resources are
 * created (the provisioner's, wave by wave) is seen as it grows; caller overrides win over it.
 * Anything that cannot be resolved is an {@link UnresolvableReferenceError} naming the resource
 * and the property it was read for, never a silent `undefined`.
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
  /** `AWS::StackName`, and part of `AWS::StackId`. Default `Serenya`. */
  readonly stackName?: string;
}

/** A replacement for one resource's `Ref` and/or some of its attributes. */
export interface ResourceOverride {
  readonly ref?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface IntrinsicResolverOptions {
  readonly template: CfnTemplate;
  /**
   * Read at each resolution, never copied: the provisioner passes the map it adds each created
   * resource to, and every resource's properties resolve against what exists so far.
   */
  readonly provisioned: ProvisionedResources;
  readonly pseudo: PseudoParameters;
  /** By logical id: wins over `provisioned`. */
  readonly overrides?: Readonly<Record<string, ResourceOverride>>;
  /**
   * Values for template parameters without a default (or to replace it). Numbers and booleans
   * become strings, as CloudFormation's `Ref` gives them; for `CommaDelimitedList` and `List<…>`
   * parameters a list or a comma-separated string. A name the template does not declare is an
   * error, as in CloudFormation.
   */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * Where a value comes from, for error messages: `AuthFunction` `Environment.Variables.TABLE`.
 * An empty `property` stands for the resource's whole `Properties`; resolving an object or a
 * list extends it with the key or index it descends into (`BucketEncryption.Rules[0]`).
 */
export interface ValueLocation {
  readonly logicalId: string;
  readonly property: string;
}

export class UnresolvableReferenceError extends Error {
  readonly location: ValueLocation;
  constructor(location: ValueLocation, reason: string) {
    super(`cannot resolve ${location.logicalId}${location.property === '' ? '' : `.${location.property}`}: ${reason}`);
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
 * const bucketProperties = resolver.resolveProperties('DocumentsBucket');
 * const created = resolver.isActive('ProductionOnlyTopic'); // its Condition holds
 * ```
 */
export interface IntrinsicResolver {
  readonly resolve: (value: unknown, location: ValueLocation) => unknown;
  /** Like `resolve`, and the result must be a string (numbers and booleans are stringified). */
  readonly resolveString: (value: unknown, location: ValueLocation) => string;
  /** The resource's `Properties`, resolved (`{}` when it has none); errors name the property. */
  readonly resolveProperties: (logicalId: string) => Record<string, unknown>;
  /** The resource's (or parameter's, or pseudo parameter's) `Ref` value, which must be a string. */
  readonly ref: (logicalId: string, location: ValueLocation) => string;
  /** The resource's attribute value (`Fn::GetAtt`). */
  readonly getAtt: (logicalId: string, attribute: string, location: ValueLocation) => string;
  /** A named condition of the template's `Conditions`. */
  readonly condition: (name: string, location: ValueLocation) => boolean;
  /** Whether CloudFormation would create the resource: it has no `Condition`, or it holds. */
  readonly isActive: (logicalId: string) => boolean;
}

/** What `{ Ref: 'AWS::NoValue' }` resolves to inside `resolve`, before it is dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

/** `AWS::StackId`'s stack UUID: fixed, so a template resolves the same on every start. */
const LOCAL_STACK_UUID = '00000000-0000-4000-8000-000000000000';

/** Parameter types whose `Ref` is a list. */
const LIST_PARAMETER_TYPE = /^(CommaDelimitedList$|List<)/;

export function createIntrinsicResolver(options: IntrinsicResolverOptions): IntrinsicResolver {
  const { template, provisioned, pseudo } = options;
  const overrides = options.overrides ?? {};
  const given = options.parameters ?? {};
  const undeclared = Object.keys(given).filter((name) => template.Parameters?.[name] === undefined);
  if (undeclared.length > 0) throw new Error(`parameters ${undeclared.join(', ')} are not declared in the template's Parameters`);
  const partition = pseudo.partition ?? 'aws';
  const stackName = pseudo.stackName ?? 'Serenya';
  const pseudoValues: Record<string, string> = {
    'AWS::Region': pseudo.region,
    'AWS::AccountId': pseudo.accountId,
    'AWS::Partition': partition,
    'AWS::URLSuffix': pseudo.urlSuffix ?? 'amazonaws.com',
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:${partition}:cloudformation:${pseudo.region}:${pseudo.accountId}:stack/${stackName}/${LOCAL_STACK_UUID}`,
  };
  const conditions = new Map<string, boolean>();
  const evaluating = new Set<string>();

  function describe(logicalId: string): string {
    const resource = template.Resources[logicalId];
    return resource === undefined ? logicalId : `${logicalId} (${resource.Type})`;
  }

  function found(logicalId: string): ProvisionedResource | undefined {
    return provisioned.get(logicalId);
  }

  function parameter(name: string, location: ValueLocation): string | string[] | undefined {
    const declared = template.Parameters?.[name];
    if (declared === undefined) return undefined;
    const value = given[name] ?? declared.Default;
    if (value === undefined) throw new UnresolvableReferenceError(location, `Ref to parameter ${name}, which has no value or default`);
    const text = (item: unknown): string => (typeof item === 'string' ? item : typeof item === 'number' || typeof item === 'boolean' ? String(item) : JSON.stringify(item));
    if (LIST_PARAMETER_TYPE.test(declared.Type)) return Array.isArray(value) ? value.map(text) : text(value).split(',');
    return text(value);
  }

  /** `Ref`'s value: a string, or a list for list parameters and `AWS::NotificationARNs`. */
  function refValue(logicalId: string, location: ValueLocation): string | string[] {
    const pseudoValue = pseudoValues[logicalId];
    if (pseudoValue !== undefined) return pseudoValue;
    if (logicalId === 'AWS::NotificationARNs') return [];
    if (logicalId === 'AWS::NoValue') throw new UnresolvableReferenceError(location, 'AWS::NoValue stands for no value here, where one is needed');
    const override = overrides[logicalId]?.ref;
    if (override !== undefined) return override;
    const parameterValue = parameter(logicalId, location);
    if (parameterValue !== undefined) return parameterValue;
    if (template.Resources[logicalId] === undefined) throw new UnresolvableReferenceError(location, `Ref to ${logicalId}, which is not in the template`);
    const resource = found(logicalId);
    if (resource === undefined) throw new UnresolvableReferenceError(location, `Ref to ${describe(logicalId)}, which was not provisioned locally (pass an override)`);
    return resource.ref;
  }

  function ref(logicalId: string, location: ValueLocation): string {
    const value = refValue(logicalId, location);
    if (Array.isArray(value)) throw new UnresolvableReferenceError(location, `Ref to ${logicalId} gives a list, where a string is needed`);
    return value;
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

  /** The function's argument as a list of `length` items (any length when absent). */
  function list(argument: unknown, length: number | undefined, name: string, location: ValueLocation): unknown[] {
    if (!Array.isArray(argument) || (length !== undefined && argument.length !== length)) {
      throw new UnresolvableReferenceError(location, `${name} takes a list${length === undefined ? '' : ` of ${length}`}, not ${JSON.stringify(argument)}`);
    }
    return argument;
  }

  function sub(text: unknown, variables: unknown, location: ValueLocation): string {
    if (typeof text !== 'string' || variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
      throw new UnresolvableReferenceError(location, 'Fn::Sub takes a string or [string, { variables }]');
    }
    // ${!Literal} stays as ${Literal}; ${Name} and ${Resource.Attr} are substituted.
    return text.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (Object.hasOwn(variables, name)) return toText(inner((variables as Record<string, unknown>)[name], location), location, `Fn::Sub variable ${name}`);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return getAtt(name.slice(0, dot), name.slice(dot + 1), location);
      return ref(name, location);
    });
  }

  function resolve(value: unknown, location: ValueLocation): unknown {
    const resolved = resolveValue(value, location, true);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** An intrinsic function's argument: resolved without extending the location's path. */
  function inner(value: unknown, location: ValueLocation): unknown {
    const resolved = resolveValue(value, location, false);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  function below(location: ValueLocation, key: string | number, descend: boolean): ValueLocation {
    if (!descend) return location;
    const property = typeof key === 'number' ? `${location.property}[${key}]` : location.property === '' ? key : `${location.property}.${key}`;
    return { logicalId: location.logicalId, property };
  }

  function resolveValue(value: unknown, location: ValueLocation, descend: boolean): unknown {
    if (Array.isArray(value)) return value.map((item, index) => resolveValue(item, below(location, index, descend), descend)).filter((item) => item !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const [first] = entries;
    if (entries.length === 1 && first !== undefined && (first[0] === 'Ref' || first[0].startsWith('Fn::') || (first[0] === 'Condition' && typeof first[1] === 'string'))) {
      if (first[0] === 'Ref' && first[1] === 'AWS::NoValue') return NO_VALUE;
      return resolveFunction(first[0], first[1], location);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, resolveValue(item, below(location, key, descend), descend)]).filter(([, item]) => item !== NO_VALUE));
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
      if (evaluating.has(name)) throw new UnresolvableReferenceError(location, `condition ${name} refers to itself (through ${[...evaluating].join(' → ')})`);
      evaluating.add(name);
      try {
        value = toBoolean(inner(expression, location), location, `condition ${name}`);
      } finally {
        evaluating.delete(name);
      }
      conditions.set(name, value);
    }
    return value;
  }

  function resolveFunction(name: string, argument: unknown, location: ValueLocation): unknown {
    switch (name) {
      case 'Ref':
        return refValue(toText(argument, location, 'Ref'), location);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument) ? list(argument, 2, name, location) : toText(argument, location, 'Fn::GetAtt').split(/\.(.*)/s);
        return getAtt(toText(logicalId, location, 'Fn::GetAtt'), toText(inner(attribute, location), location, 'Fn::GetAtt'), location);
      }
      case 'Fn::Join': {
        const [delimiter, items] = list(argument, 2, name, location);
        const resolved = inner(items, location);
        if (typeof delimiter !== 'string' || !Array.isArray(resolved)) throw new UnresolvableReferenceError(location, 'Fn::Join takes [delimiter, list]');
        return resolved.map((item) => toText(item, location, 'Fn::Join item')).join(delimiter);
      }
      case 'Fn::Sub': {
        if (typeof argument === 'string') return sub(argument, {}, location);
        const [text, variables] = list(argument, 2, name, location);
        return sub(text, variables, location);
      }
      case 'Fn::Select': {
        const [index, items] = list(argument, 2, name, location);
        const resolved = inner(items, location);
        const at = Number(inner(index, location));
        if (!Array.isArray(resolved) || !Number.isInteger(at) || at < 0 || at >= resolved.length) {
          throw new UnresolvableReferenceError(location, `Fn::Select index ${String(at)} out of ${JSON.stringify(resolved)}`);
        }
        return resolved[at];
      }
      case 'Fn::Split': {
        const [delimiter, source] = list(argument, 2, name, location);
        return toText(inner(source, location), location, 'Fn::Split source').split(toText(delimiter, location, 'Fn::Split delimiter'));
      }
      case 'Fn::Base64':
        return Buffer.from(toText(inner(argument, location), location, 'Fn::Base64')).toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${pseudo.region}${zone}`);
      case 'Condition':
        return condition(toText(argument, location, 'Condition'), location);
      case 'Fn::If': {
        const [conditionName, whenTrue, whenFalse] = list(argument, 3, name, location);
        return resolveValue(condition(toText(conditionName, location, 'Fn::If condition'), location) ? whenTrue : whenFalse, location, false);
      }
      case 'Fn::Equals': {
        const [left, right] = list(argument, 2, name, location).map((item) => inner(item, location));
        return JSON.stringify(left) === JSON.stringify(right);
      }
      case 'Fn::Not':
        return !toBoolean(inner(list(argument, 1, name, location)[0], location), location, 'Fn::Not');
      case 'Fn::And':
        return list(argument, undefined, name, location).every((item) => toBoolean(inner(item, location), location, 'Fn::And'));
      case 'Fn::Or':
        return list(argument, undefined, name, location).some((item) => toBoolean(inner(item, location), location, 'Fn::Or'));
      case 'Fn::FindInMap': {
        const [map, top, second] = list(argument, 3, name, location).map((item) => toText(inner(item, location), location, 'Fn::FindInMap key'));
        const value = template.Mappings?.[map ?? '']?.[top ?? '']?.[second ?? ''];
        if (value === undefined) throw new UnresolvableReferenceError(location, `Fn::FindInMap ${String(map)}.${String(top)}.${String(second)} is not in the template's Mappings`);
        return value;
      }
      default:
        throw new UnresolvableReferenceError(location, `${name} is not supported by the local resolver`);
    }
  }

  function resolveProperties(logicalId: string): Record<string, unknown> {
    const resource = template.Resources[logicalId];
    if (resource === undefined) throw new UnresolvableReferenceError({ logicalId, property: '' }, `${logicalId} is not in the template`);
    return (resolve(resource.Properties ?? {}, { logicalId, property: '' }) ?? {}) as Record<string, unknown>;
  }

  function isActive(logicalId: string): boolean {
    const resource = template.Resources[logicalId];
    if (resource === undefined) throw new UnresolvableReferenceError({ logicalId, property: 'Condition' }, `${logicalId} is not in the template`);
    return resource.Condition === undefined || condition(resource.Condition, { logicalId, property: 'Condition' });
  }

  return {
    resolve,
    resolveString: (value, location) => toText(resolve(value, location), location, 'the value'),
    resolveProperties,
    ref,
    getAtt,
    condition,
    isActive,
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
