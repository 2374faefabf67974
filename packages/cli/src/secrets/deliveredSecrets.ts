import { stringifyError } from '@backstage/errors';
import { DeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { entraSecretKey } from '@camunda-entra/plugin-camunda-entra-node';

/** The client secrets of a Secret manifest, as `register` writes them, by client. */
export interface DeliveredSecrets {
  secretFor(client: DeploymentClientKey): Promise<string | undefined>;
  /** Every secret text, so that output can be checked never to carry one. */
  texts: string[];
}

/**
 * Reads a Kubernetes Secret manifest: the one `register` writes (`stringData`) or one read
 * back from the cluster (`data`, base64). Problems never quote the file's content.
 */
export async function readDeliveredSecrets(
  file: string,
): Promise<DeliveredSecrets | { problem: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { problem: `cannot read ${file}: ${stringifyError(error)}` };
  }
  let manifest: unknown;
  try {
    manifest = parse(text);
  } catch {
    // YAML errors quote the offending line, which may hold a secret.
    return { problem: `${file} is not valid YAML` };
  }
  const secret = manifest as {
    kind?: unknown;
    stringData?: Record<string, unknown>;
    data?: Record<string, unknown>;
  } | null;
  if (secret?.kind !== 'Secret') {
    return {
      problem: `${file} is not a Kubernetes Secret manifest (kind: Secret), as register --secrets-out writes`,
    };
  }
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    if (typeof value === 'string') {
      values.set(key, Buffer.from(value, 'base64').toString('utf8'));
    }
  }
  // Kubernetes lets stringData win over data for the same key.
  for (const [key, value] of Object.entries(secret.stringData ?? {})) {
    if (typeof value === 'string') {
      values.set(key, value);
    }
  }
  return {
    async secretFor(client) {
      const key = entraSecretKey(client);
      return key === undefined ? undefined : values.get(key);
    },
    texts: [...values.values()].filter(value => value.length > 0),
  };
}
