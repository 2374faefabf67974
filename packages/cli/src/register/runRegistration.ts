import { stringifyError } from '@backstage/errors';
import {
  DeploymentSpec,
  EntraApplicationPlan,
  planEntraApplications,
  specClients,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  EntraDirectory,
  EntraRegistrationError,
  ReadyApplication,
  RegisteredApplication,
} from '@camunda-entra/plugin-camunda-entra-node';
import path from 'node:path';
import { stringify } from 'yaml';
import { CommandOutput } from '../commands/CommandOutput';
import { ExitCode } from '../exitCodes';
import { writeNewPrivateFile } from '../files/writeNewPrivateFile';
import { SecretJournal } from '../journal/secretJournal';
import {
  cliSecretName,
  convergeSecret,
  SecretOutcome,
} from '../secrets/cliSecrets';
import { secretsManifestFile } from '../secrets/secretsManifest';

/**
 * The steps of a run: `accepted:<n>` (Entra returned the n-th secret, not journaled yet) and
 * `journaled:<n>`, while the applications are registered, and `secrets-file` (every secret
 * journaled, the file not written). Tests interrupt a run at one of them
 * (src/__testUtils__/registerKilledAt.js); the CLI passes none.
 */
export type RegisterStep = (point: string) => void;

/** The spec's `clients:` block, ready to paste into the spec. */
function clientsBlock(registered: RegisteredApplication[]): string {
  // Machine clients' IDs go under clients.machine, where the spec keeps them.
  const clients = specClients(
    Object.fromEntries(registered.map(r => [r.client, r.appId])),
  );
  return stringify({ clients });
}

/** One line of what happened to the confidential clients' secrets. */
function secretsSummary(outcomes: SecretOutcome[], failed: number): string {
  const added = outcomes.filter(o => o.secret?.added).length;
  const recovered = outcomes.filter(o => o.secret && !o.secret.added).length;
  const kept = outcomes.filter(o => !o.secret).length;
  const orphans = outcomes.reduce((sum, o) => sum + o.orphansRemoved, 0);
  return `Client secrets: ${added} added, ${recovered} recovered from an interrupted run, ${kept} kept, ${orphans} orphans removed, ${failed} failed.`;
}

/** What a run registered, and its exit code (see ExitCode). */
export interface RegistrationRun {
  exitCode: number;
  registered: RegisteredApplication[];
}

/**
 * Registers the applications (without secrets) and converges each confidential one's secret
 * through the journal as soon as that application exists, beside the rest of its registration
 * (service principal, consent); then writes the secrets file and deletes the journal. The
 * applications are the spec's unless `options.plans` names others (an upgrade's apply step).
 */
export async function runRegistration(
  spec: DeploymentSpec,
  directory: EntraDirectory,
  journal: SecretJournal,
  options: { spec: string; secretsOut: string; plans?: EntraApplicationPlan[] },
  output: CommandOutput,
  step: RegisterStep,
): Promise<RegistrationRun> {
  if (journal.resumed) {
    output.stderr(`Resuming the interrupted run recorded in ${journal.file}.`);
  }
  const plans = options.plans ?? planEntraApplications(spec);
  const confidential = new Set(
    plans.filter(plan => plan.needsSecret).map(plan => plan.client),
  );
  let accepted = 0;
  let journaled = 0;
  // A failure is kept as a problem at once, not left an unhandled rejection meanwhile.
  const converging: Array<Promise<SecretOutcome | { problem: string }>> = [];
  const convergeWhenReady = (application: ReadyApplication) => {
    if (!confidential.has(application.client)) {
      return;
    }
    converging.push(
      convergeSecret(directory, journal, application, {
        name: cliSecretName(spec.name),
        lifetimeDays: spec.secretLifetimeDays,
        onAccepted: () => step(`accepted:${++accepted}`),
        onJournaled: () => step(`journaled:${++journaled}`),
      }).catch((error: Error) => ({
        problem: `${application.client}: ${error.message}`,
      })),
    );
  };
  let registered: RegisteredApplication[];
  let failure: EntraRegistrationError | undefined;
  try {
    registered = await directory.registerDeployment(
      options.plans ?? spec,
      {
        deployment: spec.name,
        secretLifetimeDays: spec.secretLifetimeDays,
        secrets: 'never',
        source: path.resolve(options.spec),
        onApplicationReady: convergeWhenReady,
      },
      progress => output.stderr(`${progress.client}: ${progress.message}`),
    );
  } catch (error) {
    if (!(error instanceof EntraRegistrationError)) {
      output.stderr(stringifyError(error));
      return { exitCode: ExitCode.failed, registered: [] };
    }
    registered = error.registered;
    failure = error;
  }
  const settled = await Promise.all(converging);
  const outcomes = settled.filter((r): r is SecretOutcome => !('problem' in r));
  const problems = settled.flatMap(r => ('problem' in r ? [r.problem] : []));
  const delivered = outcomes.flatMap(o => (o.secret ? [o.secret] : []));
  const secretsFailed = problems.length;
  step('secrets-file');

  let written = false;
  if (delivered.length > 0) {
    try {
      // Created exclusively, so a file appearing meanwhile is not overwritten either; on
      // disk before the journal, which holds the same secrets, is deleted.
      await writeNewPrivateFile(
        options.secretsOut,
        secretsManifestFile(spec, delivered),
      );
      written = true;
    } catch (error) {
      // The journal still holds them: the next run delivers them.
      problems.push(`secrets-out: ${stringifyError(error)}`);
    }
  }
  if (written) {
    output.stderr(
      `Wrote ${delivered.length} client secrets to ${options.secretsOut} (mode 0600).`,
    );
  } else if (delivered.length > 0) {
    output.stderr(
      `No client secrets were written to ${options.secretsOut} (below).`,
    );
  } else if (failure || problems.length > 0) {
    output.stderr(
      `No client secrets were written to ${options.secretsOut}: registration failed (below) before any was added; clients that have none get one when register runs again.`,
    );
  } else {
    output.stderr(
      'No new client secrets: every confidential client already has one.',
    );
  }
  if (problems.length === 0 && !failure) {
    // What it holds is in the secrets file now.
    await journal.delete();
  } else {
    // Orphans it could not remove, and secrets of applications whose registration failed
    // (never converged, so never delivered), are known only through the journal.
    output.stderr(
      `Kept ${journal.file}: running register again finishes what failed.`,
    );
  }
  // A client whose registration failed after its secret converged has its secret.
  const converged = new Set(outcomes.map(o => o.client));
  const registrationFailed =
    failure?.failures.filter(
      f => confidential.has(f.client) && !converged.has(f.client),
    ).length ?? 0;
  output.stderr(secretsSummary(outcomes, registrationFailed + secretsFailed));
  const created = registered.filter(r => r.created).length;
  output.stderr(
    `Applications: ${created} created, ${
      registered.length - created
    } already existed, ${plans.length - registered.length} failed.`,
  );
  output.stdout(clientsBlock(registered));
  if (failure) {
    problems.unshift(failure.message);
  }
  problems.forEach(problem => output.stderr(problem));
  return {
    exitCode: problems.length > 0 ? ExitCode.failed : ExitCode.success,
    registered,
  };
}
