import {
  DeploymentSpec,
  EntraCloud,
  SecretStoreSpec,
} from '@camunda-entra/plugin-camunda-entra-common';

/** The name of the SecretStore a repository carries for its deployment. */
export const DEPLOYMENT_SECRET_STORE = 'camunda-entra-key-vault';

/**
 * The service account of the deployment's own SecretStore, whose Kubernetes token the External
 * Secrets Operator exchanges for an Entra token (Azure workload identity).
 */
export const KEY_VAULT_SERVICE_ACCOUNT = 'camunda-entra-key-vault';

/** The External Secrets Operator's names of the Azure clouds. */
const ENVIRONMENT_TYPES: Record<EntraCloud, string> = {
  global: 'PublicCloud',
  usgov: 'USGovernmentCloud',
  china: 'ChinaCloud',
};

// Before the ExternalSecret (-1), which needs its store.
const SYNC_WAVE = { 'argocd.argoproj.io/sync-wave': '-2' };

/** The store the ExternalSecret reads through: the spec's, else the deployment's own. */
export function secretStoreRef(store: SecretStoreSpec): {
  kind: 'SecretStore' | 'ClusterSecretStore';
  name: string;
} {
  return (
    store.storeRef ?? { kind: 'SecretStore', name: DEPLOYMENT_SECRET_STORE }
  );
}

/**
 * The deployment's own SecretStore and the service account it reads the vault as (Azure
 * workload identity), when the spec names no existing store. Namespaced on purpose: a
 * ClusterSecretStore lets an ExternalSecret in any namespace read every secret of the vault,
 * so one team could read another deployment's client secrets; this store serves only the
 * deployment's namespace, and its identity is federated with this service account alone.
 * Undefined when the spec names a store.
 */
export function buildSecretStoreManifests(
  spec: DeploymentSpec,
  store: SecretStoreSpec,
): [object, object] | undefined {
  if (!store.workloadIdentity) {
    return undefined;
  }
  const serviceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: KEY_VAULT_SERVICE_ACCOUNT,
      namespace: spec.namespace,
      annotations: {
        ...SYNC_WAVE,
        'azure.workload.identity/client-id': store.workloadIdentity.clientId,
        'azure.workload.identity/tenant-id': spec.tenant.id,
      },
    },
  };
  const secretStore = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    metadata: {
      name: DEPLOYMENT_SECRET_STORE,
      namespace: spec.namespace,
      annotations: SYNC_WAVE,
    },
    spec: {
      provider: {
        azurekv: {
          authType: 'WorkloadIdentity',
          vaultUrl: store.vaultUrl,
          environmentType: ENVIRONMENT_TYPES[spec.tenant.cloud],
          serviceAccountRef: { name: KEY_VAULT_SERVICE_ACCOUNT },
        },
      },
    },
  };
  return [serviceAccount, secretStore];
}
