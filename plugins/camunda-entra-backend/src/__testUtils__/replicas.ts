import { mockCredentials } from '@backstage/backend-test-utils';
import { ChildProcess, spawn } from 'child_process';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import path from 'path';
import { sandboxDirectoryConfig } from './sandboxDirectory';

/** What scripts/replica.ts reads from CAMUNDA_ENTRA_REPLICA. */
export interface ReplicaSettings {
  /** knex client and connection. */
  database: { client: string; connection: Knex.Config['connection'] };
  directory: ReturnType<typeof sandboxDirectoryConfig> & {
    retry?: JsonObject;
  };
  secretsDirectory: string;
  /** camundaEntra.provisioning */
  provisioning?: JsonObject;
}

/** A backend instance in its own process. */
export interface Replica {
  /** Base URL of its backend, e.g. http://127.0.0.1:41849 */
  url: string;
  /** Ends it abruptly: no shutdown hook runs, no lease is released. */
  kill(): Promise<void>;
}

const SCRIPT = path.resolve(__dirname, '../../scripts/replica.ts');
const START_TIMEOUT_MS = 60_000;

/** The connection a child process opens to the database `knex` uses. */
export function databaseSettingsOf(knex: Knex): ReplicaSettings['database'] {
  const { client, connection } = knex.client.config;
  return { client: typeof client === 'string' ? client : 'pg', connection };
}

/** The settings of a replica against `sandbox`. */
export function replicaSettings(
  sandbox: EntraSandbox,
  options: Omit<ReplicaSettings, 'directory'> & { retry?: JsonObject },
): ReplicaSettings {
  const { retry, ...rest } = options;
  return {
    ...rest,
    directory: { ...sandboxDirectoryConfig(sandbox), ...(retry && { retry }) },
  };
}

/** Starts scripts/replica.ts in a child process and waits until it listens. */
export async function startReplica(
  settings: ReplicaSettings,
): Promise<Replica> {
  const child = spawn(
    process.execPath,
    ['-r', '@backstage/cli/config/nodeTransform.cjs', SCRIPT],
    {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        ...process.env,
        CAMUNDA_ENTRA_REPLICA: JSON.stringify(settings),
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const port = await readyPort(child);
  return {
    url: `http://127.0.0.1:${port}`,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** POSTs `body` to the replica's camunda-entra API as `user`; returns the status and answer. */
export async function postAs(
  user: string,
  replica: Replica,
  route: string,
  body: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${replica.url}/api/camunda-entra${route}`, {
    method: 'POST',
    headers: {
      Authorization: mockCredentials.user.header(user),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** POSTs `body` to the replica's camunda-entra API as user:default/alice; returns the answer. */
export async function postAsAlice(
  replica: Replica,
  route: string,
  body: unknown,
) {
  const answer = await postAs('user:default/alice', replica, route, body);
  if (answer.status >= 300) {
    throw new Error(
      `${route}: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}

function readyPort(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output: string | undefined = '';
    let errors = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`replica did not start: ${errors.slice(-2000)}`));
    }, START_TIMEOUT_MS);
    // Read to the end so that the child never blocks on a full pipe.
    child.stdout!.on('data', chunk => {
      if (output === undefined) {
        return;
      }
      output += chunk;
      const ready = /ready (\d+)/.exec(output);
      if (ready) {
        output = undefined;
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    // Kept only to explain a failed start; the plugin never logs secret text.
    child.stderr!.on('data', chunk => {
      errors = (errors + chunk).slice(-10_000);
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`replica exited with ${code}: ${errors.slice(-2000)}`));
    });
  });
}
