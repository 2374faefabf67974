import { IncomingMessage, ServerResponse } from 'node:http';
import { errors as joseErrors } from 'jose';
import { TokenSigner } from '../oidc/tokenSigner';
import { readBody } from '../server';
import { KeyVaultError } from './errors';
import { KEY_VAULT_RESOURCE } from './resource';
import { KEY_VAULT_ACTIONS, KeyVaultAction, rolesAllow } from './roles';
import {
  checkSecretName,
  KeyVaultStore,
  secretAttributes,
  StoredSecretVersion,
} from './store';

/** The data-plane versions of the secrets API; Key Vault refuses any other. */
const API_VERSIONS = [
  '7.0',
  '7.1',
  '7.2',
  '7.3',
  '7.4',
  '7.5',
  '7.6',
  '2025-07-01',
  '2026-04-01',
];
const MAX_PAGE_SIZE = 25;

interface Caller {
  appId: string;
  objectId: string;
}

/**
 * Key Vault's secrets data plane on a listener of its own: the challenge (401 naming the
 * tenant's authority and the vault resource) that the SDK answers with a token, then
 * set, get, list versions, soft delete and purge, each allowed by the caller's vault roles.
 */
export class KeyVaultRequestHandler {
  constructor(
    private readonly deps: {
      /** The vault URL, e.g. https://127.0.0.1:7445. */
      vaultUrl: string;
      /** `<authority host>/<tenant>`, named in the challenge. */
      authority: string;
      issuer: string;
      signer: TokenSigner;
      store: KeyVaultStore;
      /** Role names by client ID (lower case). */
      roles: (clientId: string) => string[];
    },
  ) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse) => {
    this.serve(req)
      .then(({ status, body }) => send(res, status, body))
      .catch(error => {
        if (error instanceof KeyVaultError) {
          send(
            res,
            error.status,
            error.body,
            error.status === 401 && {
              'www-authenticate': this.challenge,
            },
          );
        } else if (!res.headersSent) {
          send(res, 500, {
            error: { code: 'InternalServerError', message: String(error) },
          });
        }
      });
  };

  private get challenge(): string {
    return `Bearer authorization="${this.deps.authority}", resource="${KEY_VAULT_RESOURCE}"`;
  }

  private async serve(
    req: IncomingMessage,
  ): Promise<{ status: number; body?: unknown }> {
    const url = new URL(req.url ?? '/', this.deps.vaultUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req).catch(() => {
      throw new KeyVaultError(
        413,
        'RequestEntityTooLarge',
        'The request body is too large.',
      );
    });
    const caller = await this.authenticate(req.headers.authorization);
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) {
      throw new KeyVaultError(
        400,
        'BadParameter',
        'The api-version query parameter is required.',
      );
    }
    if (!API_VERSIONS.includes(apiVersion)) {
      throw new KeyVaultError(
        400,
        'BadParameter',
        `The specified version (${apiVersion}) is not recognized. Consider using the latest supported version (${
          API_VERSIONS[API_VERSIONS.length - 1]
        }).`,
      );
    }
    const [collection, encodedName, version, ...rest] = url.pathname
      .split('/')
      .slice(1);
    if (rest.length > 0 || !encodedName) {
      throw routeNotFound(method, url.pathname);
    }
    const name = decodeURIComponent(encodedName);
    checkSecretName(name);
    const allow = (action: KeyVaultAction) =>
      this.authorize(caller, action, `${collection}/${name}`);
    if (collection === 'secrets') {
      if (version === 'versions' && method === 'GET') {
        allow(KEY_VAULT_ACTIONS.readMetadata);
        return { status: 200, body: this.versionsPage(name, url, apiVersion) };
      }
      if (method === 'GET') {
        allow(KEY_VAULT_ACTIONS.get);
        const found = this.deps.store.get(name, version);
        return { status: 200, body: this.bundle(found.name, found.version) };
      }
      if (version === undefined && method === 'PUT') {
        allow(KEY_VAULT_ACTIONS.set);
        const stored = this.deps.store.set(name, parseJson(rawBody));
        return { status: 200, body: this.bundle(name, stored) };
      }
      if (version === undefined && method === 'DELETE') {
        allow(KEY_VAULT_ACTIONS.delete);
        return {
          status: 200,
          body: this.deleted(this.deps.store.delete(name)),
        };
      }
    }
    if (collection === 'deletedsecrets' && version === undefined) {
      if (method === 'GET') {
        allow(KEY_VAULT_ACTIONS.readDeleted);
        return {
          status: 200,
          body: this.deleted(this.deps.store.getDeleted(name)),
        };
      }
      if (method === 'DELETE') {
        allow(KEY_VAULT_ACTIONS.purge);
        this.deps.store.purge(name);
        return { status: 204 };
      }
    }
    throw routeNotFound(method, url.pathname);
  }

  private async authenticate(authorization?: string): Promise<Caller> {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) {
      throw new KeyVaultError(
        401,
        'Unauthorized',
        'AKV10000: Request is missing a Bearer or PoP token.',
      );
    }
    try {
      const claims = await this.deps.signer.verify(token, {
        issuer: this.deps.issuer,
        audience: [KEY_VAULT_RESOURCE],
      });
      return { appId: claims.appid as string, objectId: claims.oid as string };
    } catch (error) {
      throw new KeyVaultError(401, 'Unauthorized', tokenProblem(error));
    }
  }

  private authorize(caller: Caller, action: KeyVaultAction, resource: string) {
    if (rolesAllow(this.deps.roles(caller.appId.toLowerCase()), action)) {
      return;
    }
    throw new KeyVaultError(
      403,
      'Forbidden',
      [
        'Caller is not authorized to perform action on resource.',
        'If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.',
        `Caller: appid=${caller.appId};oid=${caller.objectId}`,
        `Action: '${action}'`,
        `Resource: '${this.deps.vaultUrl}/${resource}'`,
        'Assignment: (not found)',
        'DenyAssignmentId: null',
        'DecisionReason: null',
        'Vault: entra-sandbox;location=local',
      ].join('\r\n'),
      'ForbiddenByRbac',
    );
  }

  private id(name: string, version: StoredSecretVersion): string {
    return `${this.deps.vaultUrl}/secrets/${name}/${version.version}`;
  }

  /** The version's id, attributes and tags, as list answers carry them (no value). */
  private item(name: string, version: StoredSecretVersion) {
    return {
      id: this.id(name, version),
      attributes: secretAttributes(version),
      ...(version.contentType !== undefined && {
        contentType: version.contentType,
      }),
      ...(version.tags && { tags: version.tags }),
    };
  }

  private bundle(name: string, version: StoredSecretVersion) {
    return { value: version.value, ...this.item(name, version) };
  }

  private deleted(found: ReturnType<KeyVaultStore['getDeleted']>) {
    return {
      recoveryId: `${this.deps.vaultUrl}/deletedsecrets/${found.name}`,
      deletedDate: found.deleted.deletedDate,
      scheduledPurgeDate: found.deleted.scheduledPurgeDate,
      ...this.item(found.name, found.version),
    };
  }

  private versionsPage(name: string, url: URL, apiVersion: string) {
    const size = Number(url.searchParams.get('maxresults') ?? MAX_PAGE_SIZE);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new KeyVaultError(
        400,
        'BadParameter',
        `maxresults must be a whole number from 1 to ${MAX_PAGE_SIZE}.`,
      );
    }
    const skip = Number(
      Buffer.from(url.searchParams.get('$skiptoken') ?? '', 'base64url')
        .toString('utf8')
        .replace(/^$/, '0'),
    );
    if (!Number.isInteger(skip) || skip < 0) {
      throw new KeyVaultError(400, 'BadParameter', 'Invalid $skiptoken.');
    }
    const found = this.deps.store.versions(name);
    const page = found.versions.slice(skip, skip + size);
    const next = skip + size;
    const nextLink =
      next < found.versions.length
        ? `${this.deps.vaultUrl}/secrets/${
            found.name
          }/versions?api-version=${apiVersion}&$skiptoken=${Buffer.from(
            String(next),
          ).toString('base64url')}&maxresults=${size}`
        : null;
    return {
      value: page.map(version => this.item(found.name, version)),
      nextLink,
    };
  }
}

function tokenProblem(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) {
    return 'AKV10013: Token is expired.';
  }
  if (
    error instanceof joseErrors.JWTClaimValidationFailed &&
    error.claim === 'aud'
  ) {
    return `AKV10022: Invalid audience. Expected ${KEY_VAULT_RESOURCE}.`;
  }
  if (
    error instanceof joseErrors.JWTClaimValidationFailed &&
    error.claim === 'iss'
  ) {
    return 'AKV10032: Invalid issuer.';
  }
  return 'AKV10001: The token could not be validated.';
}

function routeNotFound(method: string, path: string): KeyVaultError {
  return new KeyVaultError(
    404,
    'NotFound',
    `The sandbox's vault has no operation ${method} ${path}.`,
  );
}

function parseJson(rawBody: string) {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new KeyVaultError(
      400,
      'BadParameter',
      'The request body is not valid JSON.',
    );
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> | false = {},
) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  res.writeHead(status, {
    ...(payload !== undefined && {
      'content-type': 'application/json; charset=utf-8',
    }),
    'cache-control': 'no-cache',
    ...(headers || {}),
  });
  res.end(payload);
}
