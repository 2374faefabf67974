import { AccessToken, TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  AuthenticationProvider,
  Client,
  Context,
  Middleware,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, Dispatcher, fetch as undiciFetch } from 'undici';
import { GraphResponseListener } from './graphResponses';

// Refresh a token this long before it expires.
const TOKEN_REFRESH_MARGIN_MS = 2 * 60 * 1000;

/**
 * Hands Graph calls a token, sharing one token request among concurrent calls: a parallel
 * registration would otherwise ask the authority once per call before MSAL's cache fills.
 */
export class SharedTokenProvider implements AuthenticationProvider {
  private cached?: AccessToken;
  private pending?: Promise<AccessToken>;

  private readonly scopes: string[];

  /** Tokens for the Graph endpoint at `graphUrl` (its `/.default` scope). */
  constructor(private readonly credential: TokenCredential, graphUrl: string) {
    this.scopes = [`${new URL(graphUrl).origin}/.default`];
  }

  async getAccessToken(): Promise<string> {
    if (
      this.cached &&
      this.cached.expiresOnTimestamp - TOKEN_REFRESH_MARGIN_MS > Date.now()
    ) {
      return this.cached.token;
    }
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return (await this.pending).token;
  }

  private async fetchToken(): Promise<AccessToken> {
    const token = await this.credential.getToken(this.scopes);
    if (!token) {
      throw new Error(`No token for ${this.scopes.join(' ')}`);
    }
    this.cached = token;
    return token;
  }
}

/**
 * Sends Graph requests with undici's fetch and a dispatcher that trusts the extra CA, so the
 * sandbox works in-process without NODE_EXTRA_CA_CERTS. Replaces the client's default chain,
 * whose RetryHandler would multiply with our own retries.
 */
class FetchHandler implements Middleware {
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly onResponse?: GraphResponseListener,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = context.request as string;
    try {
      const response = await undiciFetch(url, {
        ...(context.options as object),
        dispatcher: this.dispatcher,
      });
      context.response = response as unknown as Response;
      this.onResponse?.({ status: response.status });
    } catch (error) {
      throw unreachable(url, error);
    }
  }
}

/** Why a fetch of `url` failed, naming its origin only (a URL's query may carry a secret). */
export function unreachable(url: string, error: unknown): Error {
  // undici reports "fetch failed"; the reason (refused, TLS, DNS) is in the cause.
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  return new Error(
    `cannot reach ${new URL(url).origin}: ${
      cause?.code ?? cause?.message ?? String(error)
    }`,
  );
}

/**
 * The connections to an Entra or Graph host: Node's roots, and `extraCaPem` besides. One
 * secure context for all connections: given as `ca`, the ~150 roots would be parsed again for
 * every new TLS connection, which dominated a parallel registration's CPU time.
 */
export function trustingDispatcher(extraCaPem?: string): Dispatcher {
  return new Agent({
    connect: extraCaPem
      ? {
          secureContext: createSecureContext({
            ca: [...rootCertificates, extraCaPem],
          }),
        }
      : {},
  });
}

/**
 * A Graph client for one Graph endpoint: tokens from `tokens`, the endpoint's host
 * allowed to receive it, optional extra trusted CA.
 */
export function createGraphClient(options: {
  tokens: SharedTokenProvider;
  graphUrl: string;
  extraCaPem?: string;
  onResponse?: GraphResponseListener;
}): Client {
  const url = new URL(options.graphUrl);
  const dispatcher = trustingDispatcher(options.extraCaPem);
  return Client.initWithMiddleware({
    baseUrl: options.graphUrl,
    defaultVersion: 'v1.0',
    // The client only sends tokens to hosts it knows as Graph's or is told about.
    customHosts: new Set([url.hostname]),
    middleware: [
      new AuthenticationHandler(options.tokens),
      new TelemetryHandler(),
      new FetchHandler(dispatcher, options.onResponse),
    ],
  });
}
