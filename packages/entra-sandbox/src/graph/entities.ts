import { GraphContext } from './context';
import { badRequest } from './errors';
import {
  EntityView,
  parseProjection,
  queryCollection,
  rejectUnknownQueryOptions,
} from './odata';
import { EntityType } from './schema';
import { GraphCall, GraphResult } from './types';

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

/**
 * GET of one entity, projected by `$select` and `$expand`; the query is checked before
 * `find` runs.
 */
export function getEntityResult(
  context: GraphContext,
  call: GraphCall,
  entitySet: string,
  type: EntityType | EntityView,
  find: () => Entity,
): GraphResult {
  rejectUnknownQueryOptions(call.query);
  for (const option of ['$filter', '$top', '$skiptoken', '$count']) {
    if (call.query.has(option)) {
      throw badRequest(
        `Query option '${option}' is not allowed on a single entity.`,
        'BadRequest',
      );
    }
  }
  const project = parseProjection(call.query, asView(type));
  return entityResult(context, entitySet, find(), { project });
}

function asView(type: EntityType | EntityView): EntityView {
  return 'properties' in type ? { type } : type;
}

/** GET of an entity set: the items the caller may see, filtered and paged by the query. */
export function collectionResult(
  context: GraphContext,
  call: GraphCall,
  collection: {
    /** Path of the collection under the version, e.g. `groups/{id}/members`. */
    entitySet: string;
    type: EntityType | EntityView;
    filterable: string[];
    items: Entity[];
    /** `@odata.context` fragment when it differs from the path, e.g. `directoryObjects`. */
    contextFragment?: string;
  },
): GraphResult {
  const { entitySet } = collection;
  return {
    status: 200,
    body: queryCollection({
      items: collection.items,
      query: call.query,
      view: asView(collection.type),
      filterable: collection.filterable,
      consistencyLevel: call.headers.consistencylevel,
      collectionUrl: `${context.versionUrl}/${entitySet}`,
      context: `${context.versionUrl}/$metadata#${
        collection.contextFragment ?? entitySet
      }`,
      maxPageSize: context.maxPageSize,
    }),
  };
}

export function noContent(): GraphResult {
  return { status: 204 };
}
