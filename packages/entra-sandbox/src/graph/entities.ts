import { GraphContext } from './context';
import { GraphResult } from './types';

type Entity = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Entity =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** PATCH semantics: complex properties merge, collections and primitives are replaced. */
export function mergeEntity(current: Entity, patch: Entity): Entity {
  const merged: Entity = structuredClone(current);
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('@odata.')) {
      continue;
    }
    merged[key] =
      isPlainObject(value) && isPlainObject(merged[key])
        ? mergeEntity(merged[key] as Entity, value)
        : structuredClone(value);
  }
  return merged;
}

/** A single-entity response with its `@odata.context`, projected by `$select` when given. */
export function entityResult(
  context: GraphContext,
  entitySet: string,
  entity: Entity,
  options: { status?: number; project?: (value: Entity) => Entity } = {},
): GraphResult {
  return {
    status: options.status ?? 200,
    body: {
      '@odata.context': `${context.versionUrl}/$metadata#${entitySet}/$entity`,
      ...(options.project ? options.project(entity) : entity),
    },
  };
}

export function noContent(): GraphResult {
  return { status: 204 };
}
