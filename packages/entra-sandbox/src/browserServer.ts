import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestCounters } from './counters';
import { writePage } from './oidc/html';
import { SignInPages } from './oidc/signInPages';
import { readBody } from './server';

/**
 * The request handler of the plain-HTTP listener on 127.0.0.1 for the pages a person's
 * browser opens (authorize, the user picker, logout): browsers refuse the sandbox's
 * self-signed HTTPS certificate. Nothing else is served there.
 */
export function browserRequestHandler(deps: {
  signInPages: SignInPages;
  counters: RequestCounters;
}) {
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    deps.counters.request('other');
    const page = await deps.signInPages.handle({
      method: (req.method ?? 'GET').toUpperCase(),
      url,
      body,
      cookie: req.headers.cookie,
    });
    if (page) {
      writePage(res, page);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found: this listener serves only the sign-in pages.');
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      }
      res.end('Bad request.');
    });
  };
}
