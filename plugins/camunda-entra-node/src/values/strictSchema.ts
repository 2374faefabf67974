/** JSON Schema keywords whose value is a map of name to sub-schema. */
const SCHEMA_MAPS = [
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
];
/** Keywords whose value is a sub-schema or a list of them. */
const SCHEMA_VALUES = [
  'additionalProperties',
  'items',
  'prefixItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'anyOf',
  'oneOf',
  'allOf',
];

type SchemaNode = { [keyword: string]: unknown };

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectNode(node: SchemaNode): boolean {
  const type = node.type;
  return (
    type === 'object' ||
    (Array.isArray(type) && type.includes('object')) ||
    (type === undefined && isNode(node.properties))
  );
}

/**
 * Makes a chart's values schema strict the way the chart's own CI does: every object node
 * is closed to unknown keys, except below the roots of sub-charts (their values belong to
 * the sub-chart). Also drops `nullable` where no `type` is given, which Helm ignores and Ajv
 * refuses. Returns a new schema; the input is not modified.
 *
 * @public
 */
export function makeStrictSchema(
  schema: object,
  subChartRoots: ReadonlySet<string>,
): object {
  return strictNode(schema as SchemaNode, subChartRoots);
}

function strictChild(value: unknown): unknown {
  return isNode(value) ? strictNode(value) : value;
}

function strictNode(
  node: SchemaNode,
  skipProperties: ReadonlySet<string> = new Set(),
): SchemaNode {
  const result: SchemaNode = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.includes(keyword) && isNode(value)) {
      result[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [
          name,
          isNode(child) &&
          !(keyword === 'properties' && skipProperties.has(name))
            ? strictNode(child)
            : child,
        ]),
      );
    } else if (SCHEMA_VALUES.includes(keyword)) {
      result[keyword] = Array.isArray(value)
        ? value.map(strictChild)
        : strictChild(value);
    } else {
      result[keyword] = value;
    }
  }
  if ('nullable' in result && result.type === undefined) {
    delete result.nullable;
  }
  if (
    isObjectNode(result) &&
    result.additionalProperties === undefined &&
    result.patternProperties === undefined
  ) {
    result.additionalProperties = false;
  }
  return result;
}
