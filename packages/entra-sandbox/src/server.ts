import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxAdmin } from './admin';
import { RequestCounters } from './counters';
import { DroppedConnection, FaultInjector } from './faults';
import { runBatch } from './graph/batch';
import { GraphContext } from './graph/context';
import { verifyGraphBearer } from './graph/bearerToken';
import { GraphHttpError, graphErrorBody } from './graph/errors';
import { dispatchGraphCall } from './graph/router';
import { Caller, GraphResult } from './graph/types';
import { OidcEndpoints } from './oidc/endpoints';
import { writePage } from './oidc/html';
import { SignInPages } from './oidc/signInPages';
import { TokenSigner } from './oidc/tokenSigner';

const MAX_BODY_BYTES = 1024 * 1024;
const GRAPH_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new GraphHttpError(
        413,
        'Request_EntityTooLarge',
        'The request body is too large.',
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const payload =
    body === undefined || status === 204 ? undefined : JSON.stringify(body);
  res.writeHead(status, {
    ...(payload !== undefined && {
      'content-type': 'application/json; charset=utf-8',
    }),
    ...headers,
  });
  res.end(payload);
}

/**
 * The sandbox's HTTPS request handler: admin routes, OIDC endpoints and Graph under /v1.0,
 * with latency applied and every request counted.
 */
export class SandboxRequestHandler {
  constructor(
    private readonly deps: {
      context: GraphContext;
      oidc: OidcEndpoints;
      signInPages: SignInPages;
      signer: TokenSigner;
      admin: SandboxAdmin;
      faults: FaultInjector;
      counters: RequestCounters;
    },
  ) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse) => {
    this.serve(req, res).catch(error => {
      if (error instanceof GraphHttpError) {
        send(
          res,
          error.status,
          graphErrorBody(error, randomUUID(), randomUUID()),
        );
      } else if (!res.headersSent) {
        send(res, 500, {
          error: { code: 'InternalServerError', message: String(error) },
        });
      }
    });
  };

  private async serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    if (url.pathname.startsWith('/_sandbox/')) {
      const result = await this.deps.admin.handleHttp(
        method,
        url.pathname.slice('/_sandbox/'.length),
        rawBody ? JSON.parse(rawBody) : undefined,
      );
      send(
        res,
        result?.status ?? 404,
        result?.body ?? (result ? undefined : { error: 'not found' }),
      );
      return;
    }
    await this.deps.faults.delay();
    if (url.pathname.startsWith('/v1.0/')) {
      this.deps.counters.request('graph');
      await this.graph(req, res, url, method, rawBody);
      return;
    }
    const isToken = url.pathname.endsWith('/oauth2/v2.0/token');
    this.deps.counters.request(isToken ? 'token' : 'other');
    const page = await this.deps.signInPages.handle({
      method,
      url,
      body: rawBody,
      cookie: req.headers.cookie,
    });
    if (page) {
      writePage(res, page);
      return;
    }
    const result =
      url.pathname === '/oidc/userinfo' && ['GET', 'POST'].includes(method)
        ? await this.deps.oidc.userTokens.userinfo(req.headers.authorization)
        : await this.deps.oidc.handle(method, url.pathname, rawBody, {
            authorization: req.headers.authorization,
            origin: req.headers.origin,
          });
    send(res, result?.status ?? 404, result?.body ?? { error: 'not_found' }, {
      'cache-control': 'no-store',
      ...result?.headers,
    });
  }

  private async authenticate(
    authorization: string | undefined,
  ): Promise<Caller> {
    const claims = await verifyGraphBearer(this.deps.signer, authorization, {
      issuers: this.deps.oidc.graphIssuers,
      audiences: this.deps.oidc.graphAudiences,
    });
    return {
      appId: claims.appid as string,
      servicePrincipalId: claims.oid as string,
      roles: (claims.roles as string[]) ?? [],
    };
  }

  private async graph(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    rawBody: string,
  ) {
    const requestId = randomUUID();
    const clientRequestId =
      (req.headers['client-request-id'] as string) || randomUUID();
    const renderError = (error: GraphHttpError) =>
      graphErrorBody(error, requestId, clientRequestId);
    let result: GraphResult;
    try {
      const caller = await this.authenticate(req.headers.authorization);
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        throw new GraphHttpError(
          400,
          'BadRequest',
          'Unable to read JSON request payload.',
        );
      }
      const path = url.pathname.slice('/v1.0'.length);
      if (path === '/$batch') {
        if (method !== 'POST') {
          throw new GraphHttpError(
            405,
            'Request_BadRequest',
            'Use POST for $batch.',
          );
        }
        result = runBatch(this.deps.context, body, caller, renderError);
      } else {
        result = dispatchGraphCall(this.deps.context, {
          method,
          path,
          query: url.searchParams,
          headers: Object.fromEntries(
            Object.entries(req.headers).map(([k, v]) => [
              k.toLowerCase(),
              Array.isArray(v) ? v.join(',') : v,
            ]),
          ),
          body,
          caller,
        });
      }
    } catch (error) {
      if (!(error instanceof GraphHttpError)) {
        throw error;
      }
      this.deps.counters.status(error.status);
      result = { status: error.status, body: error, headers: error.headers };
    }
    if (result.body instanceof DroppedConnection) {
      req.socket.destroy();
      return;
    }
    const body =
      result.body instanceof GraphHttpError
        ? renderError(result.body)
        : result.body;
    send(res, result.status, body, {
      ...(result.status !== 204 && { 'content-type': GRAPH_CONTENT_TYPE }),
      'request-id': requestId,
      'client-request-id': clientRequestId,
      ...result.headers,
    });
  }
}
