import { getAll, listWhereIn, Page } from './graphQueries';
import { GraphApi } from './graphApi';
import { REGISTRATION_SELECT } from './manifestChanges';

/** An application as registration reads it (see REGISTRATION_SELECT). */
export type RegisteredApplicationState = Record<string, unknown> & {
  id: string;
  appId: string;
  uniqueName: string;
  passwordCredentials?: Array<{ endDateTime?: string }>;
};

/**
 * What the directory holds of one application before registration writes: the application,
 * and, when they were read, its service principal (`null`: none), consent grant (`null`:
 * none) and owners.
 */
export interface ExistingRegistration {
  application: RegisteredApplicationState;
  servicePrincipalId: string | null;
  grant?: { id: string; scope?: string } | null;
  owners?: string[];
}

/** The consent grant filter of one client service principal. */
export function grantFilterUrl(clientId: string, resourceId: string): string {
  const filter = `clientId eq '${clientId}' and resourceId eq '${resourceId}' and consentType eq 'AllPrincipals'`;
  return `/oauth2PermissionGrants?$filter=${encodeURIComponent(filter)}`;
}

/**
 * Reads what exists of the given applications in three rounds of batched requests, whatever
 * their number: the applications by uniqueName; their service principals by appId; then
 * side by side the consent grants (with `consentResourceId`) and owners (with `withOwners`).
 * Objects still replicating are not seen here; registration's upsert then finds them.
 */
export async function readExistingRegistrations(
  api: GraphApi,
  uniqueNames: string[],
  options: { consentResourceId?: Promise<string>; withOwners: boolean },
): Promise<Map<string, ExistingRegistration>> {
  const applications = await listWhereIn<RegisteredApplicationState>(
    api,
    'applications',
    'uniqueName',
    uniqueNames,
    REGISTRATION_SELECT,
  );
  const principals = await listWhereIn<{ id: string; appId: string }>(
    api,
    'servicePrincipals',
    'appId',
    applications.map(a => a.appId),
    'id,appId',
  );
  const principalOf = new Map(principals.map(p => [p.appId, p.id]));
  const resourceId = principals.length
    ? await options.consentResourceId
    : undefined;
  const grantUrl = (appId: string) =>
    resourceId && principalOf.has(appId)
      ? grantFilterUrl(principalOf.get(appId)!, resourceId)
      : undefined;
  const ownersUrl = (id: string) => `/applications/${id}/owners`;
  const urls = applications.flatMap(a => [
    ...(options.withOwners ? [ownersUrl(a.id)] : []),
    ...(grantUrl(a.appId) ? [grantUrl(a.appId)!] : []),
  ]);
  const pages =
    urls.length > 0
      ? await getAll<Page<{ id: string; scope?: string }>>(api, urls)
      : new Map<string, Page<{ id: string; scope?: string }>>();
  return new Map(
    applications.map(application => {
      const url = grantUrl(application.appId);
      const owners = pages.get(ownersUrl(application.id));
      return [
        application.uniqueName,
        {
          application,
          servicePrincipalId: principalOf.get(application.appId) ?? null,
          ...(url && { grant: pages.get(url)?.value[0] ?? null }),
          ...(owners && { owners: owners.value.map(o => o.id) }),
        },
      ];
    }),
  );
}
