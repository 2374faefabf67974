import { badRequest, GraphHttpError } from './errors';
import { EntityType } from './schema';

/** How a request addresses one object: by id or by an alternate key such as uniqueName. */
export interface EntityKey {
  property: 'id' | 'appId' | 'uniqueName';
  value: string;
}

/** `/applications(uniqueName='x')/addPassword` → entity set, key, remaining segments. */
export interface ODataPath {
  entitySet: string;
  key?: EntityKey;
  segments: string[];
}

function unquote(literal: string): string | undefined {
  const match = /^'((?:[^']|'')*)'$/.exec(literal);
  return match ? match[1].replace(/''/g, "'") : undefined;
}

function parseKey(expression: string): EntityKey {
  const named = /^(\w+)=(.*)$/.exec(expression);
  const property = named ? named[1] : 'id';
  const value =
    unquote(named ? named[2] : expression) ?? (named ? undefined : expression);
  if (
    value === undefined ||
    (property !== 'id' && property !== 'appId' && property !== 'uniqueName')
  ) {
    throw badRequest(`Invalid key expression '${expression}'.`, 'BadRequest');
  }
  return { property, value };
}

export function parseODataPath(path: string): ODataPath {
  const [first, ...rest] = path.replace(/^\/+/, '').split('/');
  const match = /^([$\w]+)(?:\((.*)\))?$/.exec(decodeURIComponent(first ?? ''));
  if (!match) {
    throw badRequest(
      `Resource not found for the segment '${first}'.`,
      'BadRequest',
    );
  }
  // A trailing slash (`members/microsoft.graph.user/`, as some clients send) addresses the same resource.
  const segments = rest.map(s => decodeURIComponent(s));
  while (segments.length > 0 && segments[segments.length - 1] === '') {
    segments.pop();
  }
  if (match[2] !== undefined) {
    return { entitySet: match[1], key: parseKey(match[2]), segments };
  }
  if (segments.length > 0 && segments[0] !== '$count') {
    const [id, ...after] = segments;
    return {
      entitySet: match[1],
      key: { property: 'id', value: id },
      segments: after,
    };
  }
  return { entitySet: match[1], segments };
}

type Entity = Record<string, unknown>;
type Predicate = (entity: Entity) => boolean;

/** Graph's limit on values in one `in (...)` clause. */
const MAX_IN_VALUES = 15;

function unsupportedFilter(property: string, entity: EntityType) {
  return badRequest(
    `Unsupported or invalid query filter clause specified for property '${property}' of resource '${entity.name}'.`,
    'Request_UnsupportedQuery',
  );
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual.toLowerCase() === expected.toLowerCase();
  }
  return actual === expected;
}

class FilterParser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly entity: EntityType,
    private readonly filterable: string[],
  ) {}

  parse(): Predicate {
    const clauses = [this.clause()];
    while (this.accept(/^\s+and\s+/i)) {
      clauses.push(this.clause());
    }
    this.skipSpace();
    if (this.position < this.text.length) {
      throw this.syntaxError();
    }
    return entity => clauses.every(clause => clause(entity));
  }

  private clause(): Predicate {
    this.skipSpace();
    if (this.accept(/^startswith\(\s*/i)) {
      const property = this.property();
      this.expect(/^\s*,\s*/);
      const prefix = this.literal();
      this.expect(/^\s*\)/);
      return entity =>
        typeof entity[property] === 'string' &&
        typeof prefix === 'string' &&
        (entity[property] as string)
          .toLowerCase()
          .startsWith(prefix.toLowerCase());
    }
    const property = this.property();
    if (this.accept(/^\/any\(\s*(\w+)\s*:\s*/)) {
      const variable = /^\/any\(\s*(\w+)/.exec(this.lastMatch)![1];
      this.expect(new RegExp(`^${variable}\\s+eq\\s+`));
      const value = this.literal();
      this.expect(/^\s*\)/);
      return entity =>
        Array.isArray(entity[property]) &&
        (entity[property] as unknown[]).some(item => sameValue(item, value));
    }
    if (this.accept(/^\s+in\s+\(\s*/i)) {
      const values = [this.literal()];
      while (this.accept(/^\s*,\s*/)) {
        values.push(this.literal());
      }
      this.expect(/^\s*\)/);
      if (values.length > MAX_IN_VALUES) {
        throw badRequest(
          `Too many child clauses specified in search filter expression containing 'OR' operators: ${values.length}. Max allowed: ${MAX_IN_VALUES}.`,
          'Request_UnsupportedQuery',
        );
      }
      return entity => values.some(value => sameValue(entity[property], value));
    }
    this.expect(/^\s+eq\s+/i);
    const value = this.literal();
    return entity => sameValue(entity[property] ?? null, value);
  }

  private property(): string {
    this.expect(/^\w+/);
    const property = this.lastMatch;
    if (!this.filterable.includes(property)) {
      throw unsupportedFilter(property, this.entity);
    }
    return property;
  }

  private literal(): unknown {
    if (this.accept(/^'((?:[^']|'')*)'/)) {
      return unquote(this.lastMatch);
    }
    if (this.accept(/^(null|true|false)\b/)) {
      return JSON.parse(this.lastMatch);
    }
    if (this.accept(/^-?\d+/)) {
      return Number(this.lastMatch);
    }
    throw this.syntaxError();
  }

  private lastMatch = '';

  private accept(pattern: RegExp): boolean {
    const match = pattern.exec(this.text.slice(this.position));
    if (!match) {
      return false;
    }
    this.lastMatch = match[0];
    this.position += match[0].length;
    return true;
  }

  private expect(pattern: RegExp) {
    if (!this.accept(pattern)) {
      throw this.syntaxError();
    }
  }

  private skipSpace() {
    this.accept(/^\s+/);
  }

  private syntaxError(): GraphHttpError {
    return badRequest(
      `Invalid filter clause: syntax error at position ${this.position} in '${this.text}'.`,
      'BadRequest',
    );
  }
}

export function parseFilter(
  text: string,
  entity: EntityType,
  filterable: string[],
): Predicate {
  return new FilterParser(text, entity, filterable).parse();
}

function unknownProperty(name: string, entity: EntityType) {
  return badRequest(
    `Could not find a property named '${name}' on type 'microsoft.graph.${entity.name[0].toLowerCase()}${entity.name.slice(
      1,
    )}'.`,
    'BadRequest',
  );
}

/**
 * Validates `$select` against the entity type and returns the projection; without `$select`,
 * the view's default properties when it has them (users return only some unless asked).
 */
export function parseSelect(
  select: string | null,
  entity: EntityType,
  defaultSelect?: DefaultSelect,
): ((value: Entity) => Entity) | undefined {
  const selected = select ? select.split(',').map(name => name.trim()) : [];
  for (const name of selected) {
    if (!(name in entity.properties)) {
      throw unknownProperty(name, entity);
    }
  }
  if (!select && !defaultSelect) {
    return undefined;
  }
  return value => {
    const names = select
      ? selected
      : (typeof defaultSelect === 'function'
          ? defaultSelect(value)
          : defaultSelect) ?? Object.keys(value);
    return {
      // Items of directoryObject collections keep saying what they are.
      ...(value['@odata.type'] !== undefined && {
        '@odata.type': value['@odata.type'],
      }),
      ...Object.fromEntries(
        names
          .filter(name => name !== '@odata.type')
          .map(name => [name, value[name] ?? null]),
      ),
    };
  };
}

/** Properties returned without `$select`: fixed, or per item in mixed collections. */
export type DefaultSelect =
  | string[]
  | ((value: Entity) => string[] | undefined);

/** Relationships `$expand` may add to an entity, computed from the stored entity. */
export type Navigations = Record<string, (value: Entity) => unknown>;

/** Validates `$expand` (plain navigation names, comma separated) and returns what it adds. */
export function parseExpand(
  expand: string | null,
  entity: EntityType,
  navigations: Navigations = {},
): (value: Entity) => Entity {
  if (!expand) {
    return () => ({});
  }
  const names = expand.split(',').map(name => name.trim());
  for (const name of names) {
    if (!Object.hasOwn(navigations, name)) {
      throw unknownProperty(name, entity);
    }
  }
  return value =>
    Object.fromEntries(names.map(name => [name, navigations[name](value)]));
}

/** How one entity type is read: properties, default `$select` and navigations for `$expand`. */
export interface EntityView {
  type: EntityType;
  defaultSelect?: DefaultSelect;
  navigations?: Navigations;
}

/** `$select` and `$expand` together, as both single-entity and collection reads apply them. */
export function parseProjection(
  query: URLSearchParams,
  view: EntityView,
): (value: Entity) => Entity {
  const project = parseSelect(
    query.get('$select'),
    view.type,
    view.defaultSelect,
  );
  const expand = parseExpand(query.get('$expand'), view.type, view.navigations);
  return value => ({ ...(project ? project(value) : value), ...expand(value) });
}

const QUERY_OPTIONS = [
  '$select',
  '$filter',
  '$top',
  '$skiptoken',
  '$count',
  '$expand',
];

/** Graph rejects query options it does not know; so does the sandbox. */
export function rejectUnknownQueryOptions(query: URLSearchParams) {
  for (const name of query.keys()) {
    if (name.startsWith('$') && !QUERY_OPTIONS.includes(name)) {
      throw badRequest(
        `Query option '${name}' is not supported.`,
        'BadRequest',
      );
    }
  }
}

/**
 * `$count=true` on directory objects is an advanced query: Graph answers it only with the
 * `ConsistencyLevel: eventual` header.
 */
function wantsCount(query: URLSearchParams, consistencyLevel?: string) {
  const count = query.get('$count');
  if (count === null || count === 'false') {
    return false;
  }
  if (count !== 'true') {
    throw badRequest(
      `Invalid value '${count}' for query option '$count'; use true or false.`,
      'BadRequest',
    );
  }
  if (consistencyLevel?.toLowerCase() !== 'eventual') {
    throw badRequest(
      '$count is not currently supported.',
      'Request_BadRequest',
    );
  }
  return true;
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 999;

/**
 * Filters, pages and projects a collection; `@odata.nextLink` repeats the query with an
 * opaque `$skiptoken`, as Graph's does.
 */
export function queryCollection(options: {
  items: Entity[];
  query: URLSearchParams;
  view: EntityView;
  filterable: string[];
  /** The request's ConsistencyLevel header. */
  consistencyLevel?: string;
  collectionUrl: string;
  context: string;
  /** Server-side page size limit: Graph may return fewer items than `$top` asks for. */
  maxPageSize?: number;
}) {
  const { query, view } = options;
  rejectUnknownQueryOptions(query);
  const filter = query.get('$filter');
  const predicate = filter
    ? parseFilter(filter, view.type, options.filterable)
    : () => true;
  const project = parseProjection(query, view);
  const count = wantsCount(query, options.consistencyLevel);
  const topText = query.get('$top');
  const top = topText === null ? DEFAULT_PAGE_SIZE : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) {
    throw badRequest(
      `Invalid page size specified: '${topText}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
      'Request_BadRequest',
    );
  }
  const pageSize = Math.min(top, options.maxPageSize ?? MAX_PAGE_SIZE);
  const offset = decodeSkipToken(query.get('$skiptoken'));
  const matching = options.items.filter(predicate);
  const page = matching.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': options.context,
    ...(count && { '@odata.count': matching.length }),
    value: page.map(project),
  };
  if (offset + pageSize < matching.length) {
    const next = new URLSearchParams();
    for (const name of ['$select', '$filter', '$top', '$count', '$expand']) {
      const value = query.get(name);
      if (value !== null) {
        next.set(name, value);
      }
    }
    next.set('$skiptoken', encodeSkipToken(offset + pageSize));
    // Graph's links keep '$' and ',' readable; clients must follow them verbatim.
    body['@odata.nextLink'] = `${options.collectionUrl}?${next
      .toString()
      .replace(/%24/g, '$')}`;
  }
  return body;
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeSkipToken(token: string | null): number {
  if (token === null) {
    return 0;
  }
  try {
    const { o } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Number.isInteger(o) && o >= 0) {
      return o;
    }
  } catch {
    // Falls through to Graph's error for a token it did not issue.
  }
  throw badRequest('Invalid $skiptoken value.', 'Directory_ExpiredPageToken');
}
