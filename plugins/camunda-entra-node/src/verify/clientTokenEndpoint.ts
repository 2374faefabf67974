import { readFile } from 'node:fs/promises';
import { Dispatcher, fetch } from 'undici';
import { entraOidcEndpoints } from '../clouds';
import { trustingDispatcher, unreachable } from '../directory/graphClient';

/**
 * A tenant's token endpoint as confidential clients use it, and its signing keys.
 *
 * @public
 */
export interface ClientTokenEndpoint {
  /** Client credentials grant; never throws for an Entra refusal, returns it. */
  clientCredentials(request: {
    clientId: string;
    clientSecret: string;
    scope: string;
  }): Promise<ClientCredentialsResult>;
  /** The tenant's token signing keys (JWKS); undefined when they cannot be read. */
  signingKeys?(): Promise<TenantSigningKey[] | undefined>;
}

/**
 * A key of the tenant's JWKS as Entra publishes it (`kid`, `kty`, `n`, `e`, `x5c`, …).
 *
 * @public
 */
export type TenantSigningKey = { kid?: string; kty?: string } & Record<
  string,
  unknown
>;

/**
 * What the token endpoint answered: a token, or Entra's refusal with its AADSTS code.
 *
 * @public
 */
export type ClientCredentialsResult =
  | { accessToken: string }
  | { error: string; entraError?: string; description: string };

/**
 * Where the token endpoint is: an authority host and tenant, as in `EntraDirectoryConfig`,
 * and an extra CA to trust (PEM, given or as a file) besides Node's roots.
 *
 * @public
 */
export interface ClientTokenEndpointOptions {
  /** e.g. `https://login.microsoftonline.com`; the one credentials may go to. */
  authorityHost: string;
  tenantId: string;
  /** PEM of an extra CA to trust, e.g. the local sandbox's. */
  ca?: string | Buffer;
  /** The same as a file, read on first use; `ca` wins when both are given. */
  caFile?: string;
}

// A token request that hangs must not hold a verification forever.
const REQUEST_TIMEOUT_MS = 30_000;

interface EntraErrorBody {
  error?: unknown;
  error_description?: unknown;
  error_codes?: unknown;
}

/**
 * Entra's description without its `AADSTSnnn: ` prefix (the code is returned apart) and its
 * trace, correlation and timestamp tail, on one line.
 */
function refusalDescription(body: EntraErrorBody): string {
  const text =
    typeof body.error_description === 'string' ? body.error_description : '';
  return text
    .replace(/^AADSTS\d+:\s*/, '')
    .replace(/\s*Trace ID:[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function entraErrorCode(body: EntraErrorBody): string | undefined {
  const codes = Array.isArray(body.error_codes) ? body.error_codes : [];
  if (typeof codes[0] === 'number') {
    return `AADSTS${codes[0]}`;
  }
  const match =
    typeof body.error_description === 'string' &&
    /^(AADSTS\d+):/.exec(body.error_description);
  return match ? match[1] : undefined;
}

class EntraTokenEndpoint implements ClientTokenEndpoint {
  private dispatcher?: Promise<Dispatcher>;

  constructor(private readonly options: ClientTokenEndpointOptions) {}

  async clientCredentials(request: {
    clientId: string;
    clientSecret: string;
    scope: string;
  }): Promise<ClientCredentialsResult> {
    const { tokenUrl } = this.endpoints();
    const response = await fetch(tokenUrl, {
      method: 'POST',
      dispatcher: await this.agent(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: request.clientId,
        client_secret: request.clientSecret,
        scope: request.scope,
      }).toString(),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }).catch(error => {
      throw unreachable(tokenUrl, error);
    });
    const body = (await response.json().catch(() => undefined)) as
      | (EntraErrorBody & { access_token?: unknown })
      | undefined;
    if (response.ok && typeof body?.access_token === 'string') {
      return { accessToken: body.access_token };
    }
    if (typeof body?.error !== 'string') {
      // Not Entra refusing the client (a proxy, an outage): nothing was verified.
      throw new Error(
        `the token endpoint ${tokenUrl} answered ${response.status} without an OAuth error`,
      );
    }
    const entraError = entraErrorCode(body);
    return {
      error: body.error,
      ...(entraError && { entraError }),
      description: refusalDescription(body),
    };
  }

  async signingKeys(): Promise<TenantSigningKey[] | undefined> {
    try {
      const response = await fetch(this.endpoints().jwksUrl, {
        dispatcher: await this.agent(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = (await response.json()) as { keys?: unknown };
      return response.ok && Array.isArray(body.keys)
        ? (body.keys as TenantSigningKey[])
        : undefined;
    } catch {
      return undefined;
    }
  }

  private endpoints() {
    return entraOidcEndpoints(
      this.options.authorityHost,
      this.options.tenantId,
    );
  }

  private agent(): Promise<Dispatcher> {
    this.dispatcher ??= this.trustedCa().then(ca =>
      trustingDispatcher(ca?.toString()),
    );
    return this.dispatcher;
  }

  private async trustedCa(): Promise<string | Buffer | undefined> {
    const { ca, caFile } = this.options;
    return ca ?? (caFile ? readFile(caFile) : undefined);
  }
}

/**
 * The token endpoint of `tenantId` at `authorityHost`, trusting `ca` (or `caFile`) besides
 * Node's roots. An `EntraDirectoryConfig` can be passed as it is.
 *
 * @public
 */
export function createClientTokenEndpoint(
  options: ClientTokenEndpointOptions,
): ClientTokenEndpoint {
  return new EntraTokenEndpoint(options);
}
