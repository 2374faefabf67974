import { EntraApplicationInfo } from '@camunda-entra/plugin-camunda-entra-node';
import { DeploymentEntity } from '../catalog/deploymentEntity';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A deployment's client whose newest secret is older than the configured maximum age. */
export interface AgedClient {
  entity: DeploymentEntity;
  client: string;
  /** Whole days since the newest secret started. */
  ageDays: number;
}

/**
 * The clients whose newest secret started more than `maxAgeDays` ago. Only the newest counts:
 * once a rotation delivered a new secret, the old one waiting for its removal is no reason to
 * rotate again.
 */
export function agedClients(
  applications: EntraApplicationInfo[],
  deploymentOf: (
    application: EntraApplicationInfo,
  ) => DeploymentEntity | undefined,
  now: number,
  maxAgeDays: number,
): AgedClient[] {
  return applications.flatMap(application => {
    const entity = deploymentOf(application);
    const client = entity?.clients.find(
      c => c.appId.toLowerCase() === application.appId.toLowerCase(),
    )?.client;
    const starts = application.passwordCredentials
      .map(secret => Date.parse(secret.startDateTime ?? ''))
      .filter(start => !Number.isNaN(start));
    if (!entity || !client || starts.length === 0) {
      return [];
    }
    const ageDays = Math.floor((now - Math.max(...starts)) / DAY_MS);
    return ageDays > maxAgeDays ? [{ entity, client, ageDays }] : [];
  });
}
