import { DeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';
import {
  EntraApplicationInfo,
  EntraDirectory,
  hasUnexpiredSecret,
} from '@camunda-entra/plugin-camunda-entra-node';
import { JournaledSecret, SecretJournal } from '../journal/secretJournal';

/** The display name of the secrets `register` adds: how it tells its own from others'. */
export function cliSecretName(deployment: string): string {
  return `camunda-entra cli ${deployment}`;
}

/** What `register` does about one confidential application's secret. */
export interface SecretDecision {
  /** A secret an interrupted run added, whose text the journal holds: delivered, not added. */
  recovered?: JournaledSecret;
  /** Whether a new secret is added (no valid secret remains otherwise). */
  add: boolean;
  /**
   * Secrets of the tool's naming that an interrupted run added and nobody has the text of:
   * removed once the application has its delivered secret.
   */
  orphans: string[];
}

/**
 * Decides from the application's secrets and the journal. Secrets of the tool's naming that
 * were there before the journal's first run are delivered ones and kept; any added since
 * that the journal has no text for are orphans. Secrets of other names are never touched.
 */
export function decideSecret(
  credentials: EntraApplicationInfo['passwordCredentials'],
  options: {
    name: string;
    /** Own secrets before the journal's first run; undefined: none recorded, all are. */
    existing: string[] | undefined;
    journaled: JournaledSecret[];
    now?: number;
  },
): SecretDecision {
  const now = options.now ?? Date.now();
  const present = new Set(credentials.map(c => c.keyId));
  const own = credentials
    .filter(c => c.displayName === options.name)
    .map(c => c.keyId);
  const before = options.existing ?? own;
  const recovered = options.journaled
    .filter(s => present.has(s.keyId) && Date.parse(s.endDateTime) > now)
    .at(-1);
  const orphans = own.filter(
    keyId => !before.includes(keyId) && keyId !== recovered?.keyId,
  );
  const remaining = credentials.filter(c => !orphans.includes(c.keyId));
  return {
    ...(recovered && { recovered }),
    add: !recovered && !hasUnexpiredSecret(remaining, now),
    orphans,
  };
}

/** What the secret phase did for one application. */
export interface SecretOutcome {
  client: DeploymentClientKey;
  /** The secret to deliver: added by this run or recovered from the journal. */
  secret?: JournaledSecret & { added: boolean };
  orphansRemoved: number;
}

/**
 * Converges one confidential application: records its own secrets in the journal (first run
 * only), adds a secret when it needs one (journaled as soon as Entra returns it), then
 * removes the orphans. `onAccepted` and `onJournaled` mark the points a test may kill at.
 */
export async function convergeSecret(
  directory: Pick<
    EntraDirectory,
    'getApplication' | 'addSecret' | 'removeSecret'
  >,
  journal: SecretJournal,
  application: {
    client: DeploymentClientKey;
    objectId: string;
    /** Created by this run: a 404 then only means it has not replicated yet. */
    created: boolean;
  },
  options: {
    name: string;
    lifetimeDays: number;
    onAccepted?: () => void;
    onJournaled?: () => void;
  },
): Promise<SecretOutcome> {
  const { client, objectId } = application;
  const info = await directory.getApplication({ objectId });
  if (!info && !application.created) {
    // Taking it for an application without secrets would record its delivered ones as
    // added since, to be removed as orphans.
    throw new Error(`application ${objectId} was not found`);
  }
  const credentials = info?.passwordCredentials ?? [];
  let existing = journal.existingKeyIds(objectId);
  if (!existing) {
    existing = credentials
      .filter(c => c.displayName === options.name)
      .map(c => c.keyId);
    await journal.recordExisting(objectId, existing);
  }
  const decision = decideSecret(credentials, {
    name: options.name,
    existing,
    journaled: journal.secretsOf(objectId),
  });
  let secret: SecretOutcome['secret'] = decision.recovered && {
    ...decision.recovered,
    added: false,
  };
  if (decision.add) {
    const created = await directory.addSecret(objectId, {
      displayName: options.name,
      lifetimeDays: options.lifetimeDays,
    });
    options.onAccepted?.();
    secret = {
      client,
      objectId,
      keyId: created.keyId,
      endDateTime: created.endDateTime,
      secretText: created.secretText,
      added: true,
    };
    await journal.recordSecret(secret);
    options.onJournaled?.();
  }
  let { orphans } = decision;
  if (decision.add) {
    // Read again: an add answered 5xx or not at all may have left a credential that
    // addPasswordOnce did not see as its own (its window depends on the clocks agreeing).
    const after = await directory.getApplication({ objectId });
    orphans = decideSecret(after?.passwordCredentials ?? [], {
      name: options.name,
      existing,
      journaled: [secret!],
    }).orphans.filter(keyId => keyId !== secret!.keyId);
  }
  for (const keyId of orphans) {
    await directory.removeSecret(objectId, keyId);
  }
  return { client, secret, orphansRemoved: orphans.length };
}
