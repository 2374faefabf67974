import {
  DeploymentSpec,
  SecretStoreSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { EXTERNAL_SECRET_REFRESH_INTERVAL } from './externalSecret';
import { EXTERNAL_SECRET_FILE, SECRET_STORE_FILE } from './manifestFiles';
import {
  DEPLOYMENT_SECRET_STORE,
  KEY_VAULT_SERVICE_ACCOUNT,
} from './secretStore';
import { keyVaultSecretName } from './keyVault';
import { code, fence, table } from './markdown';
import { requiredSecretKeys } from './secretKeys';
import {
  scriptSecretKeys,
  secretCommandsWithPlaceholders,
} from './secretsScript';
import { secretEnvVar } from './shell';

/**
 * The README's "Kubernetes Secrets" section: the keys values.yaml reads and how each Secret
 * comes to be, by the secret script or, with a secret store, from the vault.
 */
export function secretsSection(spec: DeploymentSpec): string[] {
  const secretKeys = requiredSecretKeys(spec);
  const store = spec.secretStore;
  return [
    '## Kubernetes Secrets',
    '',
    `values.yaml refers to ${[
      secretKeys.entra.length > 0 ? code(spec.secrets.entra) : undefined,
      secretKeys.camunda.length > 0 ? code(spec.secrets.camunda) : undefined,
    ]
      .filter(Boolean)
      .join(' and ')} in namespace ${code(
      spec.namespace,
    )}. No secret value is stored in this repository.`,
    '',
    ...table(
      [
        'Secret',
        'Key',
        store
          ? 'Key Vault secret or environment variable'
          : 'Environment variable',
        'Value',
      ],
      [
        ...secretKeys.entra.map(({ key, description }) => [
          spec.secrets.entra,
          code(key),
          code(store ? keyVaultSecretName(spec.name, key) : secretEnvVar(key)),
          description,
        ]),
        ...secretKeys.camunda.map(({ key, description }) => [
          spec.secrets.camunda,
          code(key),
          code(secretEnvVar(key)),
          description,
        ]),
      ],
    ),
    '',
    ...(store ? storeSetup(spec, store) : scriptSetup(spec)),
  ];
}

function scriptSetup(spec: DeploymentSpec): string[] {
  return [
    'Either export the environment variables and run `sh secrets/create-secrets.sh` (client secrets are required; database passwords are generated when unset and never replaced once the Secret exists), or create the Secrets yourself from files only you can read (`umask 077`; a value given on the command line shows in the process list of every user of the machine):',
    '',
    ...fence('sh', secretCommandLines(spec)),
    '',
    'Entra shows a client secret value only once, when it is created.',
  ];
}

/** Which store reads the vault, and what it needs, in words. */
function storeDescription(spec: DeploymentSpec, store: SecretStoreSpec) {
  if (store.workloadIdentity) {
    return `through the SecretStore ${code(
      DEPLOYMENT_SECRET_STORE,
    )} of this namespace, which ${code(
      SECRET_STORE_FILE,
    )} creates with the service account ${code(
      KEY_VAULT_SERVICE_ACCOUNT,
    )}. It reads the vault as the identity ${code(
      store.workloadIdentity.clientId,
    )} (Azure workload identity), which needs a federated credential for the subject ${code(
      `system:serviceaccount:${spec.namespace}:${KEY_VAULT_SERVICE_ACCOUNT}`,
    )} and the role Key Vault Secrets User on this deployment's secrets (scope the role assignment to the secrets above, or use a vault per team). A store of this namespace only: unlike a ClusterSecretStore, no ExternalSecret of another namespace can read this deployment's secrets through it.`;
  }
  const ref = store.storeRef!;
  return `through the ${ref.kind} ${code(ref.name)}${
    ref.kind === 'SecretStore' ? ` (in namespace ${code(spec.namespace)})` : ''
  }. That store must read this vault with an identity that holds the role Key Vault Secrets User on it.${
    ref.kind === 'ClusterSecretStore'
      ? " An ExternalSecret in any namespace can read the whole vault through a ClusterSecretStore: prefer the deployment's own SecretStore (secretStore.workloadIdentity) unless every namespace of the cluster is trusted with every secret of the vault."
      : ''
  }`;
}

function storeSetup(spec: DeploymentSpec, store: SecretStoreSpec): string[] {
  const lines = [
    `${code(
      spec.secrets.entra,
    )} is not created by hand: the portal delivers the client secrets to the Azure Key Vault ${
      store.vaultUrl
    }, and the External Secrets Operator builds the Secret from the vault secrets above as ${code(
      EXTERNAL_SECRET_FILE,
    )} describes, ${storeDescription(spec, store)}`,
    '',
    `The operator reads the vault again every ${code(
      EXTERNAL_SECRET_REFRESH_INTERVAL,
    )} (its refreshInterval), so a rotated secret reaches the Secret without anyone handling it; ${code(
      `kubectl annotate externalsecret ${spec.secrets.entra} --namespace ${spec.namespace} force-sync=$(date +%s) --overwrite`,
    )} reads it at once. The pods read the Secret only when they start: after a rotation, restart them once the Secret has the new value and before the old secret's grace period ends (24 hours by default).`,
    '',
    ...(spec.argocd
      ? [
          store.workloadIdentity
            ? 'argocd/application.yaml applies the SecretStore (sync wave -2) and the ExternalSecret (-1) before the chart.'
            : 'argocd/application.yaml applies the ExternalSecret before the chart (sync wave -1).',
        ]
      : [
          store.workloadIdentity
            ? 'Apply them before installing the chart:'
            : 'Apply it before installing the chart:',
          '',
          ...fence('sh', [
            `kubectl create namespace ${spec.namespace}`,
            ...(store.workloadIdentity
              ? [`kubectl apply --filename ${SECRET_STORE_FILE}`]
              : []),
            `kubectl apply --filename ${EXTERNAL_SECRET_FILE}`,
          ]),
        ]),
  ];
  if (scriptSecretKeys(spec).camunda.length > 0) {
    lines.push(
      '',
      `The database passwords are not in the vault. Create ${code(
        spec.secrets.camunda,
      )} once, before the first install: run \`sh secrets/create-secrets.sh\` (each password is taken from its environment variable or generated, and the Secret is never replaced once it exists, because the databases keep their first passwords), or create it yourself from files only you can read:`,
      '',
      ...fence('sh', secretCommandLines(spec)),
    );
  }
  return lines;
}

function secretCommandLines(spec: DeploymentSpec): string[] {
  return secretCommandsWithPlaceholders(spec).join('\n\n').split('\n');
}
