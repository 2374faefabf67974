import {
  ENTRA_CLIENT_KEYS,
  ENTRA_CLIENT_LABELS,
  EntraClientKey,
} from './components';
import type { DeploymentSpec } from './types';

/**
 * The key of a machine client among a deployment's clients, e.g. `machine.ci` for the spec's
 * `clients.machine.ci`. Machine client names are DNS labels, so no key of a component's
 * client (camelCase, never starting with `machine`) can be one.
 *
 * @public
 */
export type MachineClientKey = `machine.${string}`;

/**
 * Any client of a deployment: a component's or a machine client. Requests, tags, catalog
 * annotations and secret records are keyed by it.
 *
 * @public
 */
export type DeploymentClientKey = EntraClientKey | MachineClientKey;

const MACHINE_PREFIX = 'machine.';

/**
 * The client key of the machine client `name`.
 */
export function machineClientKey(name: string): MachineClientKey {
  return `${MACHINE_PREFIX}${name}`;
}

/**
 * The machine client name of a client key, undefined for a component's client.
 *
 * @public
 */
export function machineClientName(client: string): string | undefined {
  return client.startsWith(MACHINE_PREFIX) &&
    client.length > MACHINE_PREFIX.length
    ? client.slice(MACHINE_PREFIX.length)
    : undefined;
}

/**
 * Whether a string (a tag value, an annotation suffix, a stored key) is a client key.
 *
 * @public
 */
export function isDeploymentClientKey(
  value: string,
): value is DeploymentClientKey {
  return (
    ENTRA_CLIENT_KEYS.includes(value as EntraClientKey) ||
    machineClientName(value) !== undefined
  );
}

/**
 * A client's human-readable name, e.g. `Optimize` or `Machine client ci`.
 *
 * @public
 */
export function deploymentClientLabel(client: string): string {
  const name = machineClientName(client);
  if (name !== undefined) {
    return `Machine client ${name}`;
  }
  return ENTRA_CLIENT_LABELS[client as EntraClientKey] ?? client;
}

/**
 * A spec's registered client IDs keyed by client key, machine clients included.
 *
 * @public
 */
export function deploymentClientIds(
  clients: DeploymentSpec['clients'],
): Record<string, string> {
  const { machine, ...components } = clients;
  const ids: Record<string, string> = {};
  for (const [client, id] of Object.entries(components)) {
    if (id) {
      ids[client] = id;
    }
  }
  for (const [name, id] of Object.entries(machine ?? {})) {
    ids[machineClientKey(name)] = id;
  }
  return ids;
}

/**
 * Client IDs keyed by client key (as a request records them) in the spec's shape, with the
 * machine clients under `machine`. Keys that are no client key are dropped.
 *
 * @public
 */
export function specClients(
  ids: Record<string, string>,
): DeploymentSpec['clients'] {
  const clients: DeploymentSpec['clients'] = {};
  const machine: Record<string, string> = {};
  for (const [client, id] of Object.entries(ids)) {
    const name = machineClientName(client);
    if (name !== undefined) {
      machine[name] = id;
    } else if (ENTRA_CLIENT_KEYS.includes(client as EntraClientKey)) {
      clients[client as EntraClientKey] = id;
    }
  }
  if (Object.keys(machine).length > 0) {
    clients.machine = machine;
  }
  return clients;
}
