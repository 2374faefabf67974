import { JWTPayload } from 'jose';
import { ApplicationRecord, SandboxUser } from '../directory/store';
import { TokenResource } from './resources';

/**
 * How the client authenticated (`azpacr` in v2, `appidacr` in v1): 0 a public client, 1 a
 * client secret, 2 a certificate or another assertion.
 */
export type ClientAuthentication = '0' | '1' | '2';

/** The issuer of v1 tokens: Entra's STS host with the tenant, whatever the login host. */
export function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

/**
 * The claims whose shape the resource's accepted token version decides: in v2 `aud` is the
 * resource's client ID, the client is `azp` and the issuer ends in `/v2.0`; in v1 `aud` is
 * the identifier the client asked for, the client is `appid` and the issuer is
 * `https://sts.windows.net/<tenant>/`.
 */
export function versionedClaims(options: {
  version: 1 | 2;
  resource: TokenResource;
  clientId: string;
  clientAuthentication: ClientAuthentication;
  issuer: string;
  tenantId: string;
}): JWTPayload {
  return options.version === 2
    ? {
        aud: options.resource.appId,
        iss: options.issuer,
        azp: options.clientId,
        azpacr: options.clientAuthentication,
        ver: '2.0',
      }
    : {
        aud: options.resource.identifier,
        iss: v1Issuer(options.tenantId),
        appid: options.clientId,
        appidacr: options.clientAuthentication,
        ver: '1.0',
      };
}

/** Names of the optional claims an application configures for one kind of token. */
export function configuredOptionalClaims(
  application: ApplicationRecord | undefined,
  token: 'idToken' | 'accessToken',
): string[] {
  const optional = application?.entity.optionalClaims as
    | Partial<Record<typeof token, Array<{ name: string }>>>
    | null
    | undefined;
  return (optional?.[token] ?? []).map(c => c.name);
}

/**
 * The person's claims that optional claims add to a token: `preferred_username`, `email`,
 * `upn`, `given_name`, `family_name` or `idtyp`. v2 tokens carry `upn` and given and family
 * name only this way.
 */
export function optionalPersonClaims(
  names: string[],
  user: SandboxUser,
): JWTPayload {
  const wanted = (name: string) => names.includes(name);
  return {
    ...(wanted('preferred_username') && {
      preferred_username: user.userPrincipalName,
    }),
    ...(wanted('email') && user.mail && { email: user.mail }),
    ...(wanted('upn') && { upn: user.userPrincipalName }),
    ...(wanted('given_name') &&
      user.givenName && { given_name: user.givenName }),
    ...(wanted('family_name') && user.surname && { family_name: user.surname }),
    ...(wanted('idtyp') && { idtyp: 'user' }),
  };
}

/**
 * The claims about the person in an access token for a resource application: v2 carries
 * `name` and `preferred_username` with the `profile` scope, v1 its basic claims (`name`,
 * `upn`, `unique_name`, given and family name); optional claims configured on the resource
 * add `preferred_username`, `email`, `upn`, `given_name`, `family_name` or `idtyp`.
 */
export function personClaims(options: {
  version: 1 | 2;
  user: SandboxUser;
  scopes: string[];
  application: ApplicationRecord;
}): JWTPayload {
  const { user, version } = options;
  const profile = options.scopes.includes('profile');
  const claims: JWTPayload =
    version === 2
      ? {
          ...(profile && {
            name: user.displayName,
            preferred_username: user.userPrincipalName,
          }),
        }
      : {
          name: user.displayName,
          upn: user.userPrincipalName,
          unique_name: user.userPrincipalName,
          ...(user.givenName && { given_name: user.givenName }),
          ...(user.surname && { family_name: user.surname }),
          acr: '1',
          amr: ['pwd'],
        };
  return {
    ...claims,
    ...optionalPersonClaims(
      configuredOptionalClaims(options.application, 'accessToken'),
      user,
    ),
  };
}
