import { assertError } from '@backstage/errors';
import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import {
  entraCloudEndpoints,
  normalizeAuthorityHost,
  normalizeGraphUrl,
} from '@camunda-entra/plugin-camunda-entra-node';

/** Where `camunda-entra register` sends the automation identity's credentials and tokens. */
export interface CredentialEndpoints {
  authorityHost: string;
  graphUrl: string;
}

/** The command line's say on the endpoints: flags, else environment variables. */
export interface CredentialEndpointOptions {
  authorityHost?: string;
  graphUrl?: string;
}

interface Endpoint {
  field: keyof CredentialEndpoints;
  flag: string;
  variable: string;
  normalize(value: string, name: string): string;
}

/** Environment variables that choose the endpoints, as the CLI help and docs name them. */
export const AUTHORITY_HOST_VARIABLE = 'AZURE_AUTHORITY_HOST';
export const GRAPH_URL_VARIABLE = 'CAMUNDA_ENTRA_GRAPH_URL';

const ENDPOINTS: Endpoint[] = [
  {
    field: 'authorityHost',
    flag: '--authority-host',
    variable: AUTHORITY_HOST_VARIABLE,
    normalize: normalizeAuthorityHost,
  },
  {
    field: 'graphUrl',
    flag: '--graph-url',
    variable: GRAPH_URL_VARIABLE,
    normalize: normalizeGraphUrl,
  },
];

function sameEndpoint(endpoint: Endpoint, named: string, chosen: string) {
  try {
    return endpoint.normalize(named, `tenant.${endpoint.field}`) === chosen;
  } catch {
    return false;
  }
}

function chooseEndpoint(
  endpoint: Endpoint,
  tenant: DeploymentSpec['tenant'],
  options: CredentialEndpointOptions,
  env: NodeJS.ProcessEnv,
): { url: string } | { problem: string } {
  const given = options[endpoint.field];
  const fromEnv = env[endpoint.variable] || undefined;
  let url: string;
  let source: string;
  try {
    if (given !== undefined) {
      url = endpoint.normalize(given, endpoint.flag);
      source = endpoint.flag;
    } else if (fromEnv !== undefined) {
      url = endpoint.normalize(fromEnv, endpoint.variable);
      source = endpoint.variable;
    } else {
      url = entraCloudEndpoints(tenant.cloud)[endpoint.field];
      source = `the ${tenant.cloud} cloud's`;
    }
  } catch (error) {
    assertError(error);
    return { problem: error.message };
  }
  const named = tenant[endpoint.field];
  // A spec is data from a repository or a colleague: it must not decide where secrets go,
  // and a spec meant for a sandbox must not silently reach the real cloud either.
  if (named && !sameEndpoint(endpoint, named, url)) {
    return {
      problem: `tenant.${endpoint.field}: the spec names ${named}, but credentials go only to ${url} (${source}); if you trust ${named}, pass ${endpoint.flag} ${named} or set ${endpoint.variable}`,
    };
  }
  return { url };
}

/**
 * Chooses the authority host and Graph URL that receive credentials: `--authority-host` /
 * `--graph-url`, else AZURE_AUTHORITY_HOST / CAMUNDA_ENTRA_GRAPH_URL, else the hosts of the
 * spec's `tenant.cloud`. The spec's own `tenant.authorityHost` and `tenant.graphUrl` are
 * never used; naming others than the chosen ones is a problem, reported as `field: message`.
 */
export function chooseCredentialEndpoints(
  tenant: DeploymentSpec['tenant'],
  options: CredentialEndpointOptions,
  env: NodeJS.ProcessEnv,
): { endpoints: CredentialEndpoints } | { problems: string[] } {
  const [authorityHost, graphUrl] = ENDPOINTS.map(endpoint =>
    chooseEndpoint(endpoint, tenant, options, env),
  );
  if ('url' in authorityHost && 'url' in graphUrl) {
    return {
      endpoints: { authorityHost: authorityHost.url, graphUrl: graphUrl.url },
    };
  }
  return {
    problems: [authorityHost, graphUrl].flatMap(choice =>
      'problem' in choice ? [choice.problem] : [],
    ),
  };
}
