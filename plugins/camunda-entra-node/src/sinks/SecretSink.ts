import { CustomErrorBase } from '@backstage/errors';

/**
 * Which deployment a set of client secrets belongs to.
 *
 * @public
 */
export interface SecretSinkTarget {
  requestId: string;
  /** The deployment spec's name. */
  deployment: string;
  /** Kubernetes namespace of the deployment. */
  namespace: string;
  /** Name of the Kubernetes Secret the Helm values refer to, e.g. entra-credentials. */
  secretName: string;
  /** The vault the cluster reads the secrets from (the spec's `secretStore`), if any. */
  secretStore?: { vaultUrl: string };
}

/**
 * What a sink may record beside a key's text (never the text itself): the client whose
 * secret it is and when that Entra secret ends, e.g. as a vault secret's tags and expiry.
 *
 * @public
 */
export interface SecretSinkKeyMetadata {
  /** The deployment's client, e.g. orchestration. */
  client: string;
  /** The Entra secret's end date (ISO 8601). */
  expiresAt: string;
}

/**
 * How secrets reach the sink: `write` creates or replaces the whole secret (a registration),
 * `update` sets some keys in the existing one (a rotation).
 *
 * @public
 */
export type SecretSinkOperation = 'write' | 'update';

/**
 * Thrown by a sink that stored nothing of a write or update (the store answered that it
 * refuses), so the secrets it was given went nowhere. Sinks also throw `InputError`,
 * `ConflictError` and `NotFoundError` before writing. Any other error leaves open whether the
 * secrets were stored, e.g. a connection dropped after the write.
 *
 * @public
 */
export class SecretSinkRefusedError extends CustomErrorBase {
  name = 'SecretSinkRefusedError' as const;
}

/**
 * Where provisioning puts client secrets: the only place their text ever goes. An
 * implementation must not log the data or store it anywhere else. A backend module plugs one
 * in with a service factory for `camundaEntraSecretSinkServiceRef`.
 *
 * @public
 */
export interface SecretSink {
  /** Where and how `operation` would put the secrets, for the approver's plan. */
  describe(target: SecretSinkTarget, operation: SecretSinkOperation): string;
  /**
   * Throws an `InputError` naming the field (`namespace: ...`) when the sink may not deliver
   * to `target`, so a request can be refused when it is made. `write` and `update` check again.
   */
  checkTarget(target: SecretSinkTarget): void;
  /**
   * Where the sink keeps `key` of `target` (e.g. the vault and secret name), for the status
   * card and expiry notices. Never the secret itself.
   */
  locate(target: SecretSinkTarget, key: string): string;
  /**
   * The text of `key` as the sink holds it for `target`, so that sign-in verification can
   * request a token with it; undefined when the sink holds no such key (any more). Only keys
   * camunda-entra delivered for the target's deployment are read. The caller keeps the text in
   * memory for that one token request: it is never logged, stored or returned.
   */
  read(target: SecretSinkTarget, key: string): Promise<string | undefined>;
  /**
   * Creates the secret, or replaces it so that it holds exactly `data` (key name to secret
   * text; `metadata` by the same keys). Returns a description of where it went, without the data. Fails with a
   * {@link SecretSinkRefusedError} (or an error of `@backstage/errors`) when nothing was stored.
   */
  write(
    target: SecretSinkTarget,
    data: Record<string, string>,
    metadata?: Record<string, SecretSinkKeyMetadata>,
  ): Promise<{ location: string }>;
  /**
   * Sets the keys in `data` in the existing secret and keeps its other keys, as rotating one
   * client's secret needs. Returns a description of where it went, without the data.
   */
  update(
    target: SecretSinkTarget,
    data: Record<string, string>,
    metadata?: Record<string, SecretSinkKeyMetadata>,
  ): Promise<{ location: string }>;
}
