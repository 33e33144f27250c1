/**
 * A minimal input that satisfies a tool's JSON Schema, for when a request forces a tool the
 * mock has no real answer for (`toolChoice: { tool: { name } }` on something other than the
 * lab-interpretation tool). Required properties only, first enum value or type default.
 * @module
 */

/**
 * An example value for `schema`.
 *
 * @example
 * ```ts
 * toolInputExample({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }); // { city: '' }
 * ```
 */
export function toolInputExample(schema: unknown, depth = 0): unknown {
  if (schema === null || typeof schema !== 'object' || depth > 8) return null;
  const node = schema as Record<string, unknown>;
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if ('default' in node) return node.default;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = node[key];
    if (Array.isArray(options) && options.length > 0) return toolInputExample(options[0], depth + 1);
  }
  const type = Array.isArray(node.type) ? (node.type as unknown[])[0] : node.type;
  switch (type) {
    case 'object': {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(node.required) ? (node.required as string[]) : [];
      return Object.fromEntries(required.map((name) => [name, toolInputExample(properties[name], depth + 1)]));
    }
    case 'array':
      return [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return typeof node.minimum === 'number' ? node.minimum : 0;
    case 'boolean':
      return false;
    default:
      return node.properties === undefined ? null : toolInputExample({ ...node, type: 'object' }, depth + 1);
  }
}
