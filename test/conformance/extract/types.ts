import { ChartLine } from '@camunda-entra/plugin-camunda-entra-common';
import type { ClientAuthentication } from '../play/authorizationCode';

/** The chart lines the harness plays; 8.10 is the preview line (chart 15.x). */
export type Line = ChartLine;

/**
 * Where a component finds its identity provider: an issuer (discovery below it), a well-known
 * URL (Console) or only a token endpoint (Connectors on 8.8).
 */
export type Authority =
  | { issuer: string }
  | { wellKnown: string }
  | { tokenUrl: string };

/**
 * When the component asks the userinfo endpoint after the code exchange: Spring Security 6
 * only when the granted scopes name a standard claim scope, 7 always, or never when the
 * component is configured so.
 */
export type UserInfoPolicy = 'spring-security-6' | 'spring-security-7' | 'off';

/** A confidential web application's sign-in: authorization code with its client secret. */
export interface WebSignIn {
  flow: 'web';
  authority: Authority;
  clientId: string;
  clientSecret: string;
  clientAuthentication: ClientAuthentication;
  redirectUri: string;
  scopes: string[];
  /** Audiences the component accepts on the access token it gets. */
  audiences: string[];
  userInfo: UserInfoPolicy;
}

/** A single-page application's sign-in: authorization code with PKCE from the browser. */
export interface SpaSignIn {
  flow: 'spa';
  authority: Authority;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  /** Audiences its API (Web Modeler's, Console's or Camunda Hub's) accepts. */
  audiences: string[];
  /** The claim its API reads the user name from, when it is configured with one. */
  usernameClaim?: string;
}

/** A machine's token: client credentials with its secret, for the Orchestration Cluster. */
export interface ClientCredentialsSignIn {
  flow: 'client-credentials';
  authority: Authority;
  clientId: string;
  clientSecret: string;
  scope: string;
}

/** What the Orchestration Cluster checks on tokens and how it maps people and clients to roles. */
export interface OrchestrationAccess {
  issuer: string;
  /** Its own application, whose `<client ID>/.default` machines ask tokens for. */
  clientId: string;
  audiences: string[];
  usernameClaim: string;
  clientIdClaim: string;
  /** Claim name and value of each mapping rule, by its ID. */
  mappingRules: Array<{ id: string; claimName: string; claimValue: string }>;
  /** Each default role's members: users, clients and mapping rule IDs. */
  roles: Record<
    string,
    { users: string[]; clients: string[]; mappingRules: string[] }
  >;
  /** Owner IDs of the authorizations granted to clients. */
  clientAuthorizations: string[];
}
