/**
 * What one resource type's provisioning looks like: create it in moto from the template's
 * (resolved) properties, and read it back to compare with them.
 * @module
 */
import type { ProvisionedResource } from '../template/template-types.ts';
import type { AwsClients } from './aws-target.ts';

export interface ProvisionContext {
  readonly clients: AwsClients;
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  /** One line per notable decision (a setting moto cannot hold, a subscription not made). */
  readonly log: (line: string) => void;
}

/** One property of one resource whose value in moto differs from the template's. */
export interface Difference {
  readonly logicalId: string;
  readonly type: string;
  /** Dotted path, e.g. `BucketEncryption` or `GlobalSecondaryIndexes.by-month.Projection`. */
  readonly property: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export interface ResourceHandler {
  readonly type: string;
  /** `properties` are already resolved: no intrinsic functions left. */
  provision(context: ProvisionContext, logicalId: string, properties: Readonly<Record<string, unknown>>): Promise<ProvisionedResource>;
  /** Reads the resource back and lists where it differs from `properties`. */
  compare(context: ProvisionContext, resource: ProvisionedResource, properties: Readonly<Record<string, unknown>>): Promise<Difference[]>;
}

/** Collects differences for one resource, comparing values by their sorted JSON. */
export class DifferenceList {
  readonly differences: Difference[] = [];
  readonly #resource: ProvisionedResource;

  constructor(resource: ProvisionedResource) {
    this.#resource = resource;
  }

  /** Records a difference unless `expected` and `actual` are equal (by canonical JSON). */
  expect(property: string, expected: unknown, actual: unknown): void {
    if (canonicalJson(expected) === canonicalJson(actual)) return;
    this.differences.push({ logicalId: this.#resource.logicalId, type: this.#resource.type, property, expected, actual });
  }
}

/** JSON with object keys sorted and `undefined` members dropped, for order-free comparison. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  }) ?? 'undefined';
}

/** A template scalar as the string AWS APIs take (objects, which should not occur, as JSON). */
export function scalarString(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * Runs `create`; when it fails because the resource already exists (a moto that outlived a
 * previous provisioning, or a shared test moto), runs `adopt` instead, which brings the existing
 * resource to the template's settings. Provisioning is thereby idempotent.
 */
export async function createOrAdopt<T>(create: () => Promise<T>, existsErrors: readonly string[], adopt: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    const name = (error as { name?: string; Code?: string }).name ?? '';
    if (!existsErrors.includes(name)) throw error;
    return adopt();
  }
}

/** Reads an optional property of a given JavaScript type. */
export function optionalString(properties: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = properties[name];
  return value === undefined || value === null ? undefined : scalarString(value);
}

export function optionalNumber(properties: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = properties[name];
  return value === undefined || value === null ? undefined : Number(value);
}

export function optionalBoolean(properties: Readonly<Record<string, unknown>>, name: string): boolean | undefined {
  const value = properties[name];
  return value === undefined || value === null ? undefined : value === true || value === 'true';
}

export function optionalRecord(properties: Readonly<Record<string, unknown>>, name: string): Record<string, unknown> | undefined {
  const value = properties[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function optionalList(properties: Readonly<Record<string, unknown>>, name: string): Array<Record<string, unknown>> {
  const value = properties[name];
  return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
}

/** CloudFormation's `Tags: [{Key, Value}]`. */
export function cfnTags(properties: Readonly<Record<string, unknown>>): Array<{ Key: string; Value: string }> {
  return optionalList(properties, 'Tags').map((tag) => ({ Key: String(tag.Key), Value: String(tag.Value) }));
}

/** A JSON document property (policies): CDK writes objects, hand-written templates sometimes strings. */
export function jsonDocument(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
