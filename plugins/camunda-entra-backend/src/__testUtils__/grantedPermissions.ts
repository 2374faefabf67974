import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permissions service that allows each permission (by name) to the listed user entity refs
 * and denies everything else; service credentials are allowed, as Backstage's permission
 * client does. The real policy is tested in packages/backend's authorization matrix.
 */
export function grantedPermissions(grants: Record<string, string[]>) {
  const decide = (permission: { name: string }, credentials: any) =>
    credentials.principal.type === 'service' ||
    grants[permission.name]?.includes(credentials.principal.userEntityRef)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  const answer = async (requests: any[], { credentials }: any) =>
    requests.map(({ permission }) => ({
      result: decide(permission, credentials),
    }));
  return mockServices.permissions.mock({
    authorize: answer as any,
    authorizeConditional: answer as any,
  }).factory;
}
