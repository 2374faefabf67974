import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  ApplicationRecord,
  DirectoryStore,
  SandboxUser,
} from '../directory/store';
import { aadErrorFields } from './aadError';
import { AuthorizationCodes, RedirectPlatform } from './authorizationCodes';
import { parseRequestedScopes } from './requestedScopes';
import { TokenResource } from './resources';
import {
  errorPage,
  PageResponse,
  redirect,
  signedOutPage,
  userPickerPage,
} from './html';

const SESSION_COOKIE = 'entra_sandbox_session';
const hashOf = (text: string) =>
  createHash('sha256').update(text).digest('hex');
const PROMPTS = ['login', 'none', 'consent', 'select_account'];
// RFC 7636: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** An authorization request whose client and redirect URI are known to be registered. */
interface AuthorizationRequest {
  application: ApplicationRecord;
  clientId: string;
  redirectUri: string;
  platform: RedirectPlatform;
  params: URLSearchParams;
  scopes: string[];
  resource: TokenResource;
  prompt?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

type Validation =
  | { page: PageResponse }
  | { request: AuthorizationRequest }
  | { redirectError: PageResponse };

function redirectUrisOf(
  application: ApplicationRecord,
  platform: RedirectPlatform,
): string[] {
  const registered = application.entity[platform] as
    | { redirectUris?: string[] }
    | null
    | undefined;
  return registered?.redirectUris ?? [];
}

/** The platform a redirect URI is registered under: exact, case-sensitive, as Entra matches. */
function platformOf(
  application: ApplicationRecord,
  redirectUri: string,
): RedirectPlatform | undefined {
  return (['web', 'spa'] as const).find(platform =>
    redirectUrisOf(application, platform).includes(redirectUri),
  );
}

function withParams(uri: string, params: Record<string, string | undefined>) {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  return url.toString();
}

function cookieValue(header: string | undefined, name: string) {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      return value.join('=');
    }
  }
  return undefined;
}

/**
 * The pages a browser opens: `/{tenant}/oauth2/v2.0/authorize` (authorization code flow,
 * with a page to pick a user) and `/logout`. Served on the HTTPS listener and, for browsers
 * that do not trust the sandbox CA, on the plain-HTTP browser listener too.
 */
export class SignInPages {
  constructor(
    private readonly options: {
      tenantId: string;
      store: DirectoryStore;
      codes: AuthorizationCodes;
      /** Resource prefixes that mean Microsoft Graph in a scope, e.g. `https://graph.microsoft.com`. */
      graphAudiences: string[];
      /**
       * Browser sessions (hash of the cookie value → user object ID), so that `prompt=none`
       * can succeed; kept in the state file.
       */
      sessions: Record<string, string>;
      persist: () => void;
      now?: () => number;
    },
  ) {}

  /** Undefined when the path is not one of these pages. */
  async handle(input: {
    method: string;
    url: URL;
    body: string;
    cookie?: string;
  }): Promise<PageResponse | undefined> {
    const match = /^\/([^/]+)\/oauth2\/v2\.0\/(authorize|logout)$/.exec(
      input.url.pathname,
    );
    if (!match) {
      return undefined;
    }
    const [, tenant, endpoint] = match;
    if (tenant.toLowerCase() !== this.options.tenantId.toLowerCase()) {
      return errorPage(
        400,
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    if (input.method !== 'GET' && input.method !== 'POST') {
      return errorPage(
        405,
        900561,
        'The endpoint only accepts GET and POST requests.',
      );
    }
    const params =
      input.method === 'POST'
        ? new URLSearchParams(input.body)
        : input.url.searchParams;
    const session = cookieValue(input.cookie, SESSION_COOKIE);
    return endpoint === 'logout'
      ? this.logout(params, session)
      : this.authorize(input.url.pathname, params, input.method, session);
  }

  private authorize(
    path: string,
    params: URLSearchParams,
    method: string,
    session: string | undefined,
  ): PageResponse {
    const validation = this.validate(params);
    if ('page' in validation) {
      return validation.page;
    }
    if ('redirectError' in validation) {
      return validation.redirectError;
    }
    const { request } = validation;
    const enabled = this.options.store.data.users.filter(
      u => u.accountEnabled !== false,
    );
    const picked = method === 'POST' ? params.get('user_id') : null;
    if (picked !== null) {
      const user = enabled.find(u => u.id === picked);
      if (!user) {
        return errorPage(
          400,
          50057,
          'The user account is disabled or does not exist in the directory.',
        );
      }
      return this.signIn(request, user);
    }
    const hint = params.get('login_hint')?.toLowerCase();
    const hinted = hint
      ? enabled.find(
          u =>
            u.userPrincipalName.toLowerCase() === hint ||
            u.mail?.toLowerCase() === hint,
        )
      : undefined;
    if (hinted && request.prompt !== 'select_account') {
      return this.signIn(request, hinted);
    }
    const sessionUser = session && this.options.sessions[hashOf(session)];
    const current = sessionUser && enabled.find(u => u.id === sessionUser);
    if (
      current &&
      (!request.prompt || ['none', 'consent'].includes(request.prompt))
    ) {
      return this.signIn(request, current);
    }
    if (request.prompt === 'none') {
      return this.redirectError(
        request.redirectUri,
        params.get('state'),
        'login_required',
        50058,
        'A silent sign-in request was sent but no user is signed in.',
      );
    }
    return userPickerPage(
      path,
      String(request.application.entity.displayName),
      enabled,
      params,
      hint && !hinted
        ? `No enabled account '${params.get('login_hint')}' in this directory.`
        : undefined,
    );
  }

  private signIn(request: AuthorizationRequest, user: SandboxUser) {
    const code = this.options.codes.issue(
      {
        clientId: request.clientId,
        userId: user.id,
        scopes: request.scopes,
        resource: request.resource,
        platform: request.platform,
        nonce: request.params.get('nonce') ?? undefined,
        authTime: Math.floor((this.options.now ?? Date.now)() / 1000),
      },
      {
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallengeMethod,
      },
    );
    const session = randomBytes(24).toString('base64url');
    this.options.sessions[hashOf(session)] = user.id;
    this.options.persist();
    return redirect(
      withParams(request.redirectUri, {
        code,
        state: request.params.get('state') ?? undefined,
        session_state: randomUUID(),
      }),
      {
        'set-cookie': `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax`,
      },
    );
  }

  private redirectError(
    redirectUri: string,
    state: string | null,
    error: string,
    code: number,
    description: string,
  ): PageResponse {
    const fields = aadErrorFields(error, code, description);
    return redirect(
      withParams(redirectUri, {
        error: fields.error,
        error_description: fields.error_description,
        error_uri: undefined,
        state: state ?? undefined,
      }),
    );
  }

  private findApplication(clientId: string) {
    const { store } = this.options;
    const application = store.findApplication({
      property: 'appId',
      value: clientId,
    });
    const sp = store.findServicePrincipal({
      property: 'appId',
      value: clientId,
    });
    return application && sp ? application : undefined;
  }

  /**
   * Client and redirect URI first: until both are known to be registered, errors are shown
   * on a page, never sent to the redirect URI.
   */
  private validate(params: URLSearchParams): Validation {
    const clientId = params.get('client_id');
    if (!clientId) {
      return {
        page: errorPage(
          400,
          900144,
          "The request body must contain the following parameter: 'client_id'.",
        ),
      };
    }
    const application = this.findApplication(clientId);
    if (!application) {
      return {
        page: errorPage(
          400,
          700016,
          `Application with identifier '${clientId}' was not found in the directory '${this.options.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
        ),
      };
    }
    const redirectUri = params.get('redirect_uri');
    const platform = redirectUri
      ? platformOf(application, redirectUri)
      : undefined;
    if (!redirectUri || !platform) {
      return {
        page: errorPage(
          400,
          50011,
          `The redirect URI '${
            redirectUri ?? ''
          }' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
        ),
      };
    }
    const fail = (error: string, code: number, description: string) => ({
      redirectError: this.redirectError(
        redirectUri,
        params.get('state'),
        error,
        code,
        description,
      ),
    });
    const responseType = params.get('response_type');
    if (responseType !== 'code') {
      return fail(
        'unsupported_response_type',
        700054,
        `response_type '${
          responseType ?? ''
        }' is not enabled for the application. The sandbox issues authorization codes only.`,
      );
    }
    const responseMode = params.get('response_mode');
    if (responseMode !== null && responseMode !== 'query') {
      return fail(
        'invalid_request',
        900144,
        `response_mode '${responseMode}' is not supported by the sandbox; use query.`,
      );
    }
    const prompt = params.get('prompt') ?? undefined;
    if (prompt !== undefined && !PROMPTS.includes(prompt)) {
      return fail(
        'invalid_request',
        90023,
        `Invalid prompt value '${prompt}'.`,
      );
    }
    const scope = params.get('scope');
    if (!scope) {
      return fail(
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'scope'.",
      );
    }
    const requested = parseRequestedScopes(
      scope,
      this.options,
      application.entity.appId as string,
    );
    if ('code' in requested) {
      return fail(requested.error, requested.code, requested.description);
    }
    const codeChallenge = params.get('code_challenge') ?? undefined;
    if (platform === 'spa' && codeChallenge === undefined) {
      return fail(
        'invalid_request',
        9002325,
        'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
      );
    }
    const method =
      params.get('code_challenge_method') ?? (codeChallenge && 'plain');
    if (codeChallenge !== undefined || method) {
      if (method !== 'S256' && method !== 'plain') {
        return fail(
          'invalid_request',
          501491,
          `Invalid code_challenge_method '${method}'; use S256 or plain.`,
        );
      }
      if (!codeChallenge || !CODE_CHALLENGE.test(codeChallenge)) {
        return fail(
          'invalid_request',
          501491,
          'Invalid size of Code_Challenge parameter: 43 to 128 characters of A-Z a-z 0-9 - . _ ~.',
        );
      }
    }
    return {
      request: {
        application,
        clientId: application.entity.appId as string,
        redirectUri,
        platform,
        params,
        scopes: requested.scopes,
        resource: requested.resource,
        prompt,
        codeChallenge,
        codeChallengeMethod: method as 'S256' | 'plain' | undefined,
      },
    };
  }

  /**
   * Ends the browser session. Redirects only to a redirect URI registered for the client
   * (`client_id`), or for any application when no client is named.
   */
  private logout(params: URLSearchParams, session: string | undefined) {
    if (session) {
      delete this.options.sessions[hashOf(session)];
      this.options.persist();
    }
    const clear = {
      'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    };
    const target = params.get('post_logout_redirect_uri');
    const clientId = params.get('client_id');
    const applications = clientId
      ? [this.findApplication(clientId)].filter(
          (a): a is ApplicationRecord => a !== undefined,
        )
      : this.options.store.data.applications;
    if (target && applications.some(a => platformOf(a, target))) {
      return redirect(
        withParams(target, { state: params.get('state') ?? undefined }),
        clear,
      );
    }
    return signedOutPage(clear);
  }
}
