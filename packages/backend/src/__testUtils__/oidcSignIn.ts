/**
 * Signs a person of the Entra sandbox in to a backend's `oidc` provider as the app's popup
 * does: start, the sandbox's authorize endpoint with a login hint, the handler, then a refresh
 * with the session cookie the handler set, which answers the Backstage token.
 */
export async function signInWithOidc(options: {
  backendUrl: string;
  appOrigin: string;
  loginHint: string;
}): Promise<{ handlerMessage: any; refresh: any }> {
  const { backendUrl, appOrigin, loginHint } = options;
  // What a browser would keep between the steps; every cookie here is the backend's.
  const cookies = new Map<string, string>();
  const visit = async (url: string, headers: Record<string, string> = {}) => {
    const cookie = [...cookies].map(pair => pair.join('=')).join('; ');
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { ...headers, cookie },
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const separator = pair.indexOf('=');
      cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  };

  const start = await visit(
    `${backendUrl}/api/auth/oidc/start?${new URLSearchParams({
      env: 'development',
      scope: 'openid profile email offline_access',
      origin: appOrigin,
      flow: 'popup',
    })}`,
  );
  const authorize = new URL(expectRedirect(start, 'start'));
  authorize.searchParams.set('login_hint', loginHint);
  const callback = await visit(authorize.toString());
  const handler = await visit(expectRedirect(callback, 'authorize'));
  const page = await handler.text();
  const encoded = page.match(/decodeURIComponent\('([^']+)'\)/)?.[1];
  const handlerMessage = JSON.parse(decodeURIComponent(encoded ?? 'null'));

  const refreshed = await visit(
    `${backendUrl}/api/auth/oidc/refresh?optional&env=development`,
    { 'x-requested-with': 'XMLHttpRequest', origin: appOrigin },
  );
  const text = await refreshed.text();
  return {
    handlerMessage,
    refresh: { status: refreshed.status, body: text ? JSON.parse(text) : {} },
  };
}

function expectRedirect(response: Response, step: string): string {
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(
      `the ${step} step answered ${response.status}, no redirect`,
    );
  }
  return location;
}
