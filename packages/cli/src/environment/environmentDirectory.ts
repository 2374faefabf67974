import { stringifyError } from '@backstage/errors';
import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import {
  EntraDirectoryConfig,
  EntraDirectoryConfigInput,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import {
  chooseCredentialEndpoints,
  CredentialEndpointOptions,
  CredentialEndpoints,
} from './credentialEndpoints';

/**
 * Directory settings from the standard Azure environment variables and the spec's tenant,
 * sending credentials only to `endpoints` (see chooseCredentialEndpoints).
 */
export function directoryConfigFromEnvironment(
  env: NodeJS.ProcessEnv,
  spec: DeploymentSpec,
  endpoints: CredentialEndpoints,
  options: { adminConsent?: boolean },
): EntraDirectoryConfigInput {
  return {
    tenantId: env.AZURE_TENANT_ID ?? spec.tenant.id,
    clientId: env.AZURE_CLIENT_ID,
    clientSecret: env.AZURE_CLIENT_SECRET,
    certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH,
    federatedTokenFile: env.AZURE_FEDERATED_TOKEN_FILE,
    cloud: spec.tenant.cloud,
    authorityHost: endpoints.authorityHost,
    graphUrl: endpoints.graphUrl,
    // Node trusts it for its own TLS already; undici's and MSAL's agents need it passed.
    caFile: env.NODE_EXTRA_CA_CERTS,
    secretLifetimeDays: spec.secretLifetimeDays,
    grantAdminConsent: options.adminConsent ?? false,
  };
}

/**
 * The directory settings a command runs with for a spec, from the AZURE_* variables and the
 * trusted endpoints, or its problems as `field: message`: AZURE_TENANT_ID naming another
 * tenant than the spec's, a spec naming untrusted hosts, unusable credentials.
 */
export function environmentDirectoryConfig(
  spec: DeploymentSpec,
  options: CredentialEndpointOptions & { adminConsent?: boolean },
  env: NodeJS.ProcessEnv,
): { config: EntraDirectoryConfig } | { problems: string[] } {
  const problems: string[] = [];
  if (
    env.AZURE_TENANT_ID &&
    env.AZURE_TENANT_ID.toLowerCase() !== spec.tenant.id.toLowerCase()
  ) {
    problems.push(
      `tenant.id: the spec's tenant ${spec.tenant.id} is not AZURE_TENANT_ID ${env.AZURE_TENANT_ID}`,
    );
  }
  const choice = chooseCredentialEndpoints(spec.tenant, options, env);
  if ('problems' in choice) {
    return { problems: [...problems, ...choice.problems] };
  }
  try {
    const config = resolveEntraDirectoryConfig(
      directoryConfigFromEnvironment(env, spec, choice.endpoints, options),
    );
    return problems.length > 0 ? { problems } : { config };
  } catch (error) {
    return { problems: [...problems, `environment: ${stringifyError(error)}`] };
  }
}
