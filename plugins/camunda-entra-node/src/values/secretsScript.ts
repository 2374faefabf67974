import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { EXTERNAL_SECRET_FILE } from './externalSecret';
import { RequiredSecretKey, requiredSecretKeys } from './secretKeys';
import { secretEnvVar, shellQuote } from './shell';

/** One shell command over several lines, each but the last continued with a backslash. */
function continued(parts: string[]): string[] {
  return parts.map((part, index) =>
    index < parts.length - 1 ? `${part} \\` : part,
  );
}

function createSecretParts(
  spec: DeploymentSpec,
  name: string,
  keys: RequiredSecretKey[],
  valueOf: (key: string) => string,
): string[] {
  return [
    `kubectl create secret generic ${shellQuote(name)} --namespace ${shellQuote(
      spec.namespace,
    )}`,
    ...keys.map(({ key }) => `  --from-literal=${key}=${valueOf(key)}`),
  ];
}

/**
 * The keys the script creates. With a secret store, the Entra Secret comes from the vault
 * through the ExternalSecret and only the database passwords are left.
 */
export function scriptSecretKeys(spec: DeploymentSpec): {
  entra: RequiredSecretKey[];
  camunda: RequiredSecretKey[];
} {
  const { entra, camunda } = requiredSecretKeys(spec);
  return { entra: spec.secretStore ? [] : entra, camunda };
}

/**
 * The kubectl commands that create the Secrets the script creates, with `<placeholders>` for
 * the values, as the README shows them.
 */
export function secretCommandsWithPlaceholders(spec: DeploymentSpec): string[] {
  const keys = scriptSecretKeys(spec);
  return (
    [
      [spec.secrets.entra, keys.entra],
      [spec.secrets.camunda, keys.camunda],
    ] as const
  )
    .filter(([, list]) => list.length > 0)
    .map(([name, list]) =>
      continued(createSecretParts(spec, name, list, key => `"<${key}>"`)).join(
        '\n',
      ),
    );
}

/**
 * secrets/create-secrets.sh: creates the Secrets from environment variables, so no value
 * is ever stored in the repository. The client secret Secret is applied on every run (for
 * rotations); the database password Secret only when missing, because the databases keep
 * the passwords they were initialised with.
 */
export function buildSecretsScript(spec: DeploymentSpec): string {
  const keys = scriptSecretKeys(spec);
  const lines = [
    '#!/bin/sh',
    `# Creates the Kubernetes Secrets of the Camunda deployment "${spec.name}".`,
    ...(spec.secretStore
      ? [
          `# ${spec.secrets.entra} is not created here: ${EXTERNAL_SECRET_FILE} builds it from Azure Key Vault.`,
        ]
      : []),
    '# Every value comes from an environment variable; none is stored in this repository.',
    ...keys.entra.map(
      ({ key, description }) => `#   ${secretEnvVar(key)}: ${description}`,
    ),
    ...keys.camunda.map(
      ({ key, description }) =>
        `#   ${secretEnvVar(
          key,
        )} (optional, random when unset): ${description}`,
    ),
    'set -eu',
    '',
  ];
  if (keys.entra.length > 0) {
    lines.push(
      ...continued([
        ...createSecretParts(
          spec,
          spec.secrets.entra,
          keys.entra,
          key => `"\${${secretEnvVar(key)}:?set ${secretEnvVar(key)}}"`,
        ),
        '  --dry-run=client --output=yaml | kubectl apply --filename=-',
      ]),
      '',
    );
  }
  if (keys.camunda.length > 0) {
    const name = shellQuote(spec.secrets.camunda);
    const namespace = shellQuote(spec.namespace);
    lines.push(
      `if kubectl get secret ${name} --namespace ${namespace} >/dev/null 2>&1; then`,
      `  echo "Keeping the existing Secret ${spec.secrets.camunda}: the databases were initialised with its passwords."`,
      'else',
      ...continued(
        createSecretParts(
          spec,
          spec.secrets.camunda,
          keys.camunda,
          key => `"\${${secretEnvVar(key)}:-$(openssl rand -hex 24)}"`,
        ),
      ).map(line => `  ${line}`),
      'fi',
      '',
    );
  }
  return lines.join('\n');
}
