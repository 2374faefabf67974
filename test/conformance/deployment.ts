import {
  DeploymentSpec,
  specClients,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  EntraDirectory,
  entraSecretManifest,
  GeneratedFile,
  generateValuesRepository,
  keyVaultSecretName,
  RegisteredApplication,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import { sandboxDirectoryConfig } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { helmTemplate } from '../../plugins/camunda-entra-node/src/values/__testUtils__/helm';
import { DeliveredSecrets } from './delivery';
import { Manifest, RenderedChart } from './rendered';

/** A deployment registered in the sandbox, with the client secrets registration returned. */
export interface Registration {
  spec: DeploymentSpec;
  registered: RegisteredApplication[];
}

function validated(input: unknown, requireClients: boolean): DeploymentSpec {
  const result = validateDeploymentSpec(input, { requireClients });
  if (!result.valid) {
    throw new Error(
      `invalid spec: ${result.problems
        .map(p => `${p.field}: ${p.message}`)
        .join('; ')}`,
    );
  }
  return result.spec;
}

/** The directory client the portal and the CLI use, on the sandbox, granting consent. */
export function sandboxDirectory(sandbox: EntraSandbox): EntraDirectory {
  return DefaultEntraDirectory.create(
    resolveEntraDirectoryConfig(
      sandboxDirectoryConfig(sandbox, { grantAdminConsent: true }),
    ),
  );
}

/**
 * Registers a spec's applications in the sandbox with the directory client the portal and the
 * CLI use, each confidential one with a new secret, and returns the spec with its clients.
 */
export async function registerInSandbox(
  sandbox: EntraSandbox,
  input: Record<string, unknown>,
): Promise<Registration> {
  const registered = await sandboxDirectory(sandbox).registerDeployment(
    validated(input, false),
    { secrets: 'missing' },
  );
  const clients = specClients(
    Object.fromEntries(registered.map(r => [r.client, r.appId])),
  );
  return { spec: validated({ ...input, clients }, true), registered };
}

/** The client secrets registration returned, in the Entra Secret the CLI and the sinks write. */
function entraSecret(registration: Registration) {
  return entraSecretManifest(
    registration.spec,
    registration.registered.flatMap(r =>
      r.secret ? [{ client: r.client, secretText: r.secret.secretText }] : [],
    ),
  );
}

/**
 * Delivers the secrets as the deployment's sink does: the Entra Secret with one key per
 * confidential client (the CLI's secrets manifest, the local sink's file), or, for a spec with a
 * secret store, the vault secrets the Key Vault sink writes, read back through the repository's
 * ExternalSecret.
 */
export function deliverSecrets(
  registration: Registration,
  files: GeneratedFile[],
): DeliveredSecrets {
  const { spec } = registration;
  if (!spec.secretStore) {
    return DeliveredSecrets.fromManifests([entraSecret(registration)]);
  }
  const externalSecret = files.find(
    f => f.path === 'manifests/external-secret.yaml',
  );
  if (!externalSecret) {
    throw new Error(
      'the repository of a secret store spec has no ExternalSecret',
    );
  }
  const vault = new Map(
    Object.entries(entraSecret(registration).stringData).map(([key, text]) => [
      keyVaultSecretName(spec.name, key),
      text,
    ]),
  );
  return DeliveredSecrets.fromExternalSecret(
    parse(externalSecret.content),
    vault,
  );
}

/** `values.yaml` of a generated repository, parsed, to seed a mistake into. */
export function valuesOf(files: GeneratedFile[]): Record<string, any> {
  return parse(files.find(f => f.path === 'values.yaml')!.content);
}

/** Generates the values repository of a registered spec, as the portal and CLI do. */
export function generateRepository(
  registration: Registration,
): GeneratedFile[] {
  return generateValuesRepository(registration.spec).files;
}

/** Renders values with `helm template` (Helm v4) and the real packaged chart of the line. */
export function renderChart(
  spec: DeploymentSpec,
  values: Record<string, any>,
  secrets: DeliveredSecrets,
): RenderedChart {
  const folder = mkdtempSync(join(tmpdir(), 'conformance-'));
  try {
    const valuesFile = join(folder, 'values.yaml');
    writeFileSync(valuesFile, stringify(values));
    const manifests = helmTemplate({
      line: spec.chart,
      release: spec.release,
      namespace: spec.namespace,
      valuesFile,
    }) as Manifest[];
    return new RenderedChart(manifests, spec.release, secrets);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
