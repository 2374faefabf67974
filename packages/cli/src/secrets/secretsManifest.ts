import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import {
  entraSecretKey,
  entraSecretManifest,
} from '@camunda-entra/plugin-camunda-entra-node';
import { stringify } from 'yaml';
import { JournaledSecret } from '../journal/secretJournal';

/**
 * The text of `register --secrets-out`: the new client secrets as the Kubernetes Secret the
 * values reference (see entraSecretManifest), after a header naming each secret's key ID and
 * expiry.
 */
export function secretsManifestFile(
  spec: DeploymentSpec,
  secrets: JournaledSecret[],
): string {
  const withKey = secrets.filter(s => entraSecretKey(s.client));
  const header = [
    `# Client secrets of the Camunda deployment "${spec.name}", from camunda-entra register.`,
    '# Apply with kubectl apply -f <this file>, then delete this file.',
    ...withKey.map(
      s => `#   ${s.client}: keyId ${s.keyId}, expires ${s.endDateTime}`,
    ),
  ];
  return `${header.join('\n')}\n${stringify(
    entraSecretManifest(spec, withKey),
  )}`;
}
