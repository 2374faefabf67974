import { EntraApplicationInfo } from '@camunda-entra/plugin-camunda-entra-node';
import { DeploymentEntity } from '../catalog/deploymentEntity';
import { agedClients } from './agedClients';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-07T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

const entity: DeploymentEntity = {
  entityRef: 'component:default/camunda-payments',
  deployment: 'payments',
  cloud: 'global',
  clients: [
    { client: 'optimize', appId: 'APP-OPTIMIZE' },
    { client: 'identity', appId: 'app-identity' },
  ],
};

const application = (appId: string, starts: Array<string | undefined>) =>
  ({
    appId,
    passwordCredentials: starts.map((startDateTime, index) => ({
      keyId: `${appId}-${index}`,
      startDateTime,
      endDateTime: daysAgo(-300),
    })),
  } as unknown as EntraApplicationInfo);

describe('agedClients', () => {
  it('counts only the newest secret of each client against the maximum age', () => {
    const applications = [
      // The old secret waits for its removal after a rotation: nothing to do.
      application('app-optimize', [daysAgo(100), daysAgo(2)]),
      application('app-identity', [daysAgo(45), daysAgo(31)]),
    ];

    expect(agedClients(applications, () => entity, NOW, 30)).toEqual([
      { entity, client: 'identity', ageDays: 31 },
    ]);
    expect(agedClients(applications, () => entity, NOW, 31)).toEqual([]);
  });

  it('skips applications without a deployment, a client or a dated secret', () => {
    expect(
      agedClients(
        [
          application('app-identity', [undefined]),
          application('app-unknown', [daysAgo(90)]),
          application('app-optimize', []),
        ],
        app => (app.appId === 'app-elsewhere' ? undefined : entity),
        NOW,
        30,
      ),
    ).toEqual([]);
    expect(
      agedClients(
        [application('app-identity', [daysAgo(90)])],
        () => undefined,
        NOW,
        30,
      ),
    ).toEqual([]);
  });
});
