/**
 * The order CloudFormation would create a template's resources in: a resource waits for every
 * resource it names through `Ref`, `Fn::GetAtt`, `Fn::Sub` or `DependsOn`. Grouped into waves
 * whose members do not depend on each other, so each wave can be created in parallel.
 * @module
 */
import type { CfnResource } from '../template/template-types.ts';

/** The logical ids of the template resources that `resource` refers to. */
export function referencedResources(resource: CfnResource, resourceIds: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const add = (name: unknown): void => {
    if (typeof name === 'string' && resourceIds.has(name)) found.add(name);
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, argument] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'Ref') add(argument);
      else if (key === 'Fn::GetAtt') add(typeof argument === 'string' ? argument.split('.')[0] : Array.isArray(argument) ? argument[0] : undefined);
      else if (key === 'Fn::Sub') {
        const text: unknown = Array.isArray(argument) ? argument[0] : argument;
        if (typeof text === 'string') for (const match of text.matchAll(/\$\{([^!}][^}.]*)[^}]*\}/g)) add(match[1]);
      }
      visit(argument);
    }
  };
  visit(resource.Properties);
  const dependsOn = resource.DependsOn === undefined ? [] : typeof resource.DependsOn === 'string' ? [resource.DependsOn] : resource.DependsOn;
  dependsOn.forEach(add);
  return found;
}

/**
 * Waves of logical ids: every resource comes after all it refers to. Throws on a cycle, naming
 * the resources in it.
 */
export function dependencyWaves(resources: Readonly<Record<string, CfnResource>>): string[][] {
  const ids = new Set(Object.keys(resources));
  const waiting = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) waiting.set(id, referencedResources(resource, ids));
  const waves: string[][] = [];
  const done = new Set<string>();
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, needs]) => [...needs].every((need) => done.has(need))).map(([id]) => id);
    if (ready.length === 0) throw new Error(`the template's resources refer to each other in a cycle: ${[...waiting.keys()].join(', ')}`);
    ready.sort();
    for (const id of ready) {
      waiting.delete(id);
      done.add(id);
    }
    waves.push(ready);
  }
  return waves;
}
