import { EntraSandbox } from '@camunda-entra/entra-sandbox';

/** The variables that point `camunda-entra register` at a sandbox's automation identity. */
export function sandboxEnvironment(sandbox: EntraSandbox): NodeJS.ProcessEnv {
  return {
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_CLIENT_ID: sandbox.credentials.clientId,
    AZURE_CLIENT_SECRET: sandbox.credentials.clientSecret,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    CAMUNDA_ENTRA_GRAPH_URL: sandbox.url,
    NODE_EXTRA_CA_CERTS: sandbox.caFile,
  };
}
