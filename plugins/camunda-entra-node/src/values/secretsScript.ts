import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { EXTERNAL_SECRET_FILE } from './manifestFiles';
import { RequiredSecretKey, requiredSecretKeys } from './secretKeys';
import { secretEnvVar, shellQuote } from './shell';

/** One shell command over several lines, each but the last continued with a backslash. */
function continued(parts: string[]): string[] {
  return parts.map((part, index) =>
    index < parts.length - 1 ? `${part} \\` : part,
  );
}

/**
 * `kubectl create secret` reading each value from a file (`fileOf(key)`): a value given as an
 * argument would be visible to every user of the machine in the process list.
 */
function createSecretParts(
  spec: DeploymentSpec,
  name: string,
  keys: RequiredSecretKey[],
  fileOf: (key: string) => string,
): string[] {
  return [
    `kubectl create secret generic ${shellQuote(name)} --namespace ${shellQuote(
      spec.namespace,
    )}`,
    ...keys.map(({ key }) => `  --from-file=${key}=${fileOf(key)}`),
  ];
}

/** Where the script keeps a value while kubectl reads it: a private temporary folder. */
const scriptFile = (key: string) => `"$work/${key}"`;

/**
 * Writes a value into its private file. `printf` is a shell builtin, so the value never
 * stands in a command line.
 */
function writeValue(key: string, value: string): string {
  return `printf '%s' ${value} >${scriptFile(key)}`;
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
      continued(
        createSecretParts(spec, name, list, key => `"<file holding ${key}>"`),
      ).join('\n'),
    );
}

/**
 * secrets/create-secrets.sh: creates the Secrets from environment variables, so no value
 * is ever stored in the repository, and passes them to kubectl in files of a private
 * temporary folder, never as arguments. The client secret Secret is applied on every run (for
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
    '# kubectl reads the values from files only this user can read, removed on exit: a value',
    '# passed as an argument would show in the process list of every user of this machine.',
    'umask 077',
    'work=$(mktemp -d)',
    `trap 'rm -rf "$work"' EXIT`,
    '',
  ];
  if (keys.entra.length > 0) {
    lines.push(
      ...keys.entra.map(({ key }) =>
        writeValue(key, `"\${${secretEnvVar(key)}:?set ${secretEnvVar(key)}}"`),
      ),
      ...continued([
        ...createSecretParts(spec, spec.secrets.entra, keys.entra, scriptFile),
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
      ...[
        ...keys.camunda.map(({ key }) =>
          writeValue(
            key,
            `"\${${secretEnvVar(key)}:-$(openssl rand -hex 24)}"`,
          ),
        ),
        ...continued(
          createSecretParts(
            spec,
            spec.secrets.camunda,
            keys.camunda,
            scriptFile,
          ),
        ),
      ].map(line => `  ${line}`),
      'fi',
      '',
    );
  }
  return lines.join('\n');
}
