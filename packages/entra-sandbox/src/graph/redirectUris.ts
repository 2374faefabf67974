import { invalidValue } from './errors';

/** Entra's limit on redirect URIs per application, over all platforms. */
const MAX_REDIRECT_URIS = 256;
const MAX_URI_LENGTH = 256;
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

function isAcceptable(uri: unknown, allowCustomSchemes: boolean): boolean {
  if (
    typeof uri !== 'string' ||
    uri.length > MAX_URI_LENGTH ||
    uri.includes('*')
  ) {
    return false;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash) {
    return false;
  }
  if (url.protocol === 'https:') {
    return true;
  }
  if (url.protocol === 'http:') {
    return LOOPBACK_HOSTS.includes(url.hostname);
  }
  return allowCustomSchemes;
}

const urisOf = (platform: unknown): unknown[] =>
  (platform as { redirectUris?: unknown[] } | null)?.redirectUris ?? [];

/**
 * Web and SPA redirect URIs must be https, or http on a loopback host; public clients may
 * also use custom schemes. At most 256 in all, each at most 256 characters, no fragment or
 * wildcard.
 */
export function validateRedirectUris(application: Record<string, unknown>) {
  const web = urisOf(application.web);
  const spa = urisOf(application.spa);
  const publicClient = urisOf(application.publicClient);
  if (web.length + spa.length + publicClient.length > MAX_REDIRECT_URIS) {
    throw invalidValue('redirectUris', 'Application');
  }
  const valid =
    web.every(uri => isAcceptable(uri, false)) &&
    spa.every(uri => isAcceptable(uri, false)) &&
    publicClient.every(uri => isAcceptable(uri, true));
  if (!valid) {
    throw invalidValue('redirectUris', 'Application');
  }
}
