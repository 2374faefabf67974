import type { Application } from 'microsoft-graph';
import {
  APPLICATION_SELECT,
  SECRETS_SELECT,
  toApplicationInfo,
} from './applicationInfo';
import { APPLICATION_TAGS, deploymentTag } from './applicationManifest';
import { EntraGraphError } from './errors';
import { GraphApi } from './graphApi';
import {
  allPages,
  alternateKey,
  filterQuery,
  listAll,
  odataString,
  Page,
  whereInUrls,
} from './graphQueries';
import {
  ApplicationReference,
  ApplicationsByAppId,
  EntraApplicationInfo,
} from './types';

/** The path segment after `/applications` that addresses one application. */
function applicationKey(reference: ApplicationReference): string {
  if ('objectId' in reference) {
    return `/${encodeURIComponent(reference.objectId)}`;
  }
  if ('appId' in reference) {
    return alternateKey('appId', reference.appId);
  }
  return alternateKey('uniqueName', reference.uniqueName);
}

/** One application, or undefined when Entra has none (404). */
export async function getApplication(
  api: GraphApi,
  reference: ApplicationReference,
): Promise<EntraApplicationInfo | undefined> {
  try {
    const { body } = await api.call(
      'GET',
      `/applications${applicationKey(reference)}?$select=${APPLICATION_SELECT}`,
    );
    return toApplicationInfo(body);
  } catch (error) {
    if (error instanceof EntraGraphError && error.statusCode === 404) {
      return undefined;
    }
    throw error;
  }
}

/** Applications and which of them have a service principal, read in one batch. */
export async function getApplicationsByAppId(
  api: GraphApi,
  appIds: string[],
): Promise<ApplicationsByAppId> {
  const ids = appIds.map(id => id.toLowerCase());
  const applicationUrls = whereInUrls(
    'applications',
    'appId',
    ids,
    APPLICATION_SELECT,
  );
  const principalUrls = whereInUrls('servicePrincipals', 'appId', ids, 'appId');
  const found = await listAll<any>(api, [...applicationUrls, ...principalUrls]);
  const items = (urls: string[]) => urls.flatMap(url => found.get(url)!);
  return {
    applications: items(applicationUrls).map(toApplicationInfo),
    servicePrincipalAppIds: items(principalUrls).map(
      (principal: { appId: string }) => principal.appId,
    ),
  };
}

/** The product's applications (or one deployment's), in pages of 999. */
export async function listApplications(
  api: GraphApi,
  options: { deployment?: string; only?: 'secrets' },
): Promise<EntraApplicationInfo[]> {
  const tag = options.deployment
    ? deploymentTag(options.deployment)
    : APPLICATION_TAGS.product;
  const { body } = await api.call<Page<Application>>(
    'GET',
    `/applications?${filterQuery(
      `tags/any(t:t eq ${odataString(tag)})`,
      options.only === 'secrets' ? SECRETS_SELECT : APPLICATION_SELECT,
    )}&$top=999`,
  );
  return (await allPages(api, body)).map(toApplicationInfo);
}

/** Applications whose display name starts with `prefix`, one page of at most `limit`. */
export async function findApplicationsByDisplayName(
  api: GraphApi,
  prefix: string,
  limit: number,
): Promise<EntraApplicationInfo[]> {
  const { body } = await api.call<Page<Application>>(
    'GET',
    `/applications?${filterQuery(
      `startswith(displayName,${odataString(prefix)})`,
      APPLICATION_SELECT,
    )}&$top=${limit}`,
  );
  return body.value.map(toApplicationInfo);
}
