import { StepFailure } from './failure';

/**
 * The Kubernetes Secrets as the cluster would hold them once the secrets were delivered: by
 * the CLI's secrets manifest (or the local secret sink's, the same shape), or by the External
 * Secrets Operator from the vault the Key Vault sink writes to.
 */
export class DeliveredSecrets {
  constructor(
    private readonly secrets: Map<string, Record<string, string>>,
    /** How they were delivered, for failure messages. */
    private readonly origin: string,
    /** Why the Secrets are not there at all, when they are not. */
    private readonly notThere?: string,
  ) {}

  /** Secrets applied from `Secret` manifests with `stringData`. */
  static fromManifests(
    manifests: Array<{
      metadata: { name: string };
      stringData: Record<string, string>;
    }>,
  ): DeliveredSecrets {
    return new DeliveredSecrets(
      new Map(manifests.map(m => [m.metadata.name, { ...m.stringData }])),
      'the secrets manifest',
    );
  }

  /**
   * The Secret an ExternalSecret builds from a vault: each `data` item's `secretKey` from the
   * vault secret its `remoteRef.key` names. One missing vault secret fails the whole sync, so
   * the Secret is then not there at all.
   */
  static fromExternalSecret(
    externalSecret: {
      spec: {
        target: { name: string };
        data: Array<{ secretKey: string; remoteRef: { key: string } }>;
      };
    },
    vault: Map<string, string>,
  ): DeliveredSecrets {
    const { target, data } = externalSecret.spec;
    const missing = data.filter(item => !vault.has(item.remoteRef.key));
    if (missing.length > 0) {
      const absent = missing.map(item => item.remoteRef.key).join(', ');
      return new DeliveredSecrets(
        new Map(),
        `the ExternalSecret ${target.name}`,
        `it cannot sync: the vault has no ${absent}`,
      );
    }
    return new DeliveredSecrets(
      new Map([
        [
          target.name,
          Object.fromEntries(
            data.map(item => [item.secretKey, vault.get(item.remoteRef.key)!]),
          ),
        ],
      ]),
      `the ExternalSecret ${target.name}`,
    );
  }

  /** The value of one key, as a `secretKeyRef` reads it; a key that is not there fails. */
  read(reference: { name: string; key: string }, readBy: string): string {
    const secret = this.secrets.get(reference.name);
    if (!secret) {
      throw new StepFailure(
        'secret',
        `${readBy} reads Secret ${reference.name}, which ${
          this.origin
        } does not create${this.notThere ? ` (${this.notThere})` : ''}`,
      );
    }
    if (!(reference.key in secret)) {
      throw new StepFailure(
        'secret',
        `${readBy} reads key ${reference.key} of Secret ${
          reference.name
        }, which ${this.origin} does not write (it has ${Object.keys(secret)
          .sort()
          .join(', ')})`,
      );
    }
    return secret[reference.key];
  }
}
