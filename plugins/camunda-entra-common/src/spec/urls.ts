const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// Characters a URL would silently percent-encode or that break the places URLs end up in
// (YAML, shell commands in the README, Entra's redirect URI allowlist).
// eslint-disable-next-line no-control-regex
const UNSAFE_URL_CHARACTERS = /[\s"'<>\\^`{|}\u0000-\u001f\u007f]/;

/**
 * Joins a base URL and a path without doubling the slash between them, so
 * `https://x/` and `https://x` both give `https://x/sso-callback`.
 */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * Why a string cannot be the browser-facing base URL of a component (or an Entra redirect
 * URI derived from it), or undefined when it can. Entra accepts http only for localhost.
 */
export function browserUrlProblem(value: string): string | undefined {
  return urlProblem(value, 'loopback');
}

/**
 * Why a string cannot be an https endpoint such as a custom authority host, or undefined.
 */
export function httpsUrlProblem(value: string): string | undefined {
  return urlProblem(value, 'never');
}

/**
 * Why a string cannot be the URL of a service the pods call (http is fine inside a
 * cluster), or undefined.
 */
export function serviceUrlProblem(value: string): string | undefined {
  return urlProblem(value, 'always');
}

function urlProblem(
  value: string,
  allowHttp: 'never' | 'loopback' | 'always',
): string | undefined {
  if (UNSAFE_URL_CHARACTERS.test(value)) {
    return 'must not contain whitespace, quotes or control characters';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL (expected e.g. https://camunda.example.com)';
  }
  if (url.protocol === 'http:') {
    if (allowHttp === 'never') {
      return 'must use https';
    }
    if (allowHttp === 'loopback' && !LOOPBACK_HOSTS.has(url.hostname)) {
      return 'uses http but is not localhost; Entra accepts http redirect URIs only for localhost, use https';
    }
  } else if (url.protocol !== 'https:') {
    return allowHttp === 'never'
      ? 'must use https'
      : `must be an http(s) URL, not ${url.protocol.replace(/:$/, '')}`;
  }
  if (url.username || url.password) {
    return 'must not contain a user name or password';
  }
  if (value.includes('?') || value.includes('#')) {
    return 'must not contain a query (?) or fragment (#)';
  }
  return undefined;
}
