import { GraphApi } from './graphApi';

/** Graph's limit on values in one `in (...)` filter and on requests in one `$batch`. */
const MAX_FILTER_VALUES = 15;
const MAX_BATCH_REQUESTS = 20;

/** One page of a Graph collection. */
export interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

export function filterQuery(filter: string, select: string): string {
  return `$filter=${encodeURIComponent(filter)}&$select=${select}`;
}

/** A page's items and those of the pages after it, following `@odata.nextLink` verbatim. */
export async function allPages<T>(api: GraphApi, first: Page<T>): Promise<T[]> {
  const items = [...first.value];
  let next = first['@odata.nextLink'];
  while (next) {
    const { body }: { body: Page<T> } = await api.call<Page<T>>('GET', next);
    items.push(...body.value);
    next = body['@odata.nextLink'];
  }
  return items;
}

/**
 * GETs `urls` (their first pages, for collections), by URL: one plain request for one URL,
 * else `$batch`es of up to 20 side by side, so 300 URLs cost 15 requests sent at once.
 */
export async function getAll<T>(
  api: GraphApi,
  urls: string[],
): Promise<Map<string, T>> {
  if (urls.length === 1) {
    return new Map([[urls[0], (await api.call<T>('GET', urls[0])).body]]);
  }
  const batches = await Promise.all(
    chunk(urls, MAX_BATCH_REQUESTS).map(group => api.batchGet<T>(group)),
  );
  return new Map(batches.flatMap(results => [...results]));
}

const doubleQuotes = (value: string) => value.replace(/'/g, "''");

/** An OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${doubleQuotes(value)}'`;
}

/** An alternate-key path segment, e.g. `(appId='…')`, its value encoded for a URL. */
export function alternateKey(
  property: 'appId' | 'uniqueName',
  value: string,
): string {
  return `(${property}='${encodeURIComponent(doubleQuotes(value))}')`;
}

/** The URLs that filter a collection on `property in (…)`, one per 15 values. */
export function whereInUrls(
  collection: 'applications' | 'servicePrincipals',
  property: 'id' | 'appId' | 'uniqueName',
  values: string[],
  select: string,
): string[] {
  return chunk([...new Set(values)], MAX_FILTER_VALUES).map(
    group =>
      `/${collection}?${filterQuery(
        `${property} in (${group.map(odataString).join(',')})`,
        select,
      )}`,
  );
}

/** Every item of the collections behind `urls`, read together (see {@link getAll}), per URL. */
export async function listAll<T>(
  api: GraphApi,
  urls: string[],
): Promise<Map<string, T[]>> {
  if (urls.length === 0) {
    return new Map();
  }
  const pages = await getAll<Page<T>>(api, urls);
  return new Map(
    await Promise.all(
      urls.map(
        async url => [url, await allPages(api, pages.get(url)!)] as const,
      ),
    ),
  );
}

/**
 * The objects of a collection whose `property` is among `values`: one `in (…)` filter per
 * 15 values, batched (see {@link getAll}).
 */
export async function listWhereIn<T>(
  api: GraphApi,
  collection: 'applications' | 'servicePrincipals',
  property: 'id' | 'appId' | 'uniqueName',
  values: string[],
  select: string,
): Promise<T[]> {
  const urls = whereInUrls(collection, property, values, select);
  return [...(await listAll<T>(api, urls)).values()].flat();
}
