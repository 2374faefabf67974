import { ServerResponse } from 'node:http';
import { SandboxUser } from '../directory/store';
import { aadErrorFields } from './aadError';

/** A response to a browser: an HTML page or a redirect. */
export interface PageResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ESCAPES[c]);
}

// Nothing on these pages runs script or loads anything; the picker posts a form to itself.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

function page(
  status: number,
  title: string,
  content: string,
  headers: Record<string, string | string[]> = {},
): PageResponse {
  return {
    status,
    headers: { ...PAGE_HEADERS, ...headers },
    body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{display:block;width:100%;margin:.5rem 0;padding:.75rem;text-align:left;font-size:1rem;cursor:pointer}
small{color:#555}code{word-break:break-all}</style></head>
<body><p><small>Microsoft Entra ID (local sandbox)</small></p>${content}</body></html>`,
  };
}

/** Entra's error page, shown when redirecting could send the answer to the wrong place. */
export function errorPage(
  status: number,
  code: number,
  description: string,
): PageResponse {
  const fields = aadErrorFields('invalid_request', code, description);
  return page(
    status,
    'Sign in: error',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p id="error">${escapeHtml(fields.error_description)}</p>`,
  );
}

/** The sign-in page: a button per enabled user, posting the authorization request back. */
export function userPickerPage(
  action: string,
  applicationName: string,
  users: SandboxUser[],
  request: URLSearchParams,
  notice?: string,
): PageResponse {
  const hidden = [...request.entries()]
    .filter(([name]) => name !== 'user_id')
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(
          value,
        )}">`,
    )
    .join('\n');
  const buttons = users
    .map(
      user =>
        `<button type="submit" name="user_id" value="${escapeHtml(
          user.id,
        )}">${escapeHtml(user.displayName)}<br><small>${escapeHtml(
          user.userPrincipalName,
        )}</small></button>`,
    )
    .join('\n');
  return page(
    200,
    'Sign in to your account',
    `<h1>Pick an account</h1>
<p>to continue to <strong>${escapeHtml(applicationName)}</strong></p>
${notice ? `<p role="alert">${escapeHtml(notice)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
${hidden}
${buttons || '<p>The directory has no enabled users.</p>'}
</form>`,
  );
}

export function signedOutPage(headers: Record<string, string | string[]>) {
  return page(
    200,
    'Signed out',
    "<h1>You signed out of your account</h1><p>It's a good idea to close all browser windows.</p>",
    headers,
  );
}

export function redirect(
  location: string,
  headers: Record<string, string | string[]> = {},
): PageResponse {
  return {
    status: 302,
    headers: { location, 'cache-control': 'no-store', ...headers },
  };
}

export function writePage(res: ServerResponse, response: PageResponse) {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
