import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { DeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';
import { entraSecretKey } from '@camunda-entra/plugin-camunda-entra-node';
import { specOf } from '../database/storedSpec';
import { StoredRequest } from '../database/RequestStore';

/**
 * What a request that provisioned a new deployment must leave, however often its provisioning
 * was interrupted and resumed: provisioned once, one application per client (none twice), and on
 * each confidential application exactly one secret, the one recorded and written to the sink
 * (`delivered`: the sink's keys and texts). The sandbox shows each secret's first three
 * characters, as Entra does.
 */
export function expectProvisionedOnce(
  sandbox: EntraSandbox,
  request: StoredRequest,
  delivered: Record<string, string> | undefined,
) {
  expect(request.state).toBe('provisioned');
  // Entered once; audit entries made afterwards in that state (the sign-in verification) stay.
  expect(
    request.history.filter(
      (event, index) =>
        event.state === 'provisioned' &&
        request.history[index - 1]?.state !== 'provisioned',
    ),
  ).toHaveLength(1);
  const deployment = specOf(request).name;
  const applications = sandbox.admin
    .directory()
    .applications.filter(app =>
      String(app.uniqueName).startsWith(`camunda-${deployment}-`),
    );
  expect(applications.map(app => app.appId).sort()).toEqual(
    Object.values(request.clients).sort(),
  );
  for (const [client, appId] of Object.entries(request.clients)) {
    const application = applications.find(app => app.appId === appId)!;
    const secret = request.secrets?.[client];
    const key = entraSecretKey(client as DeploymentClientKey);
    expect({ client, credentials: application.passwordCredentials }).toEqual({
      client,
      credentials: secret
        ? [
            expect.objectContaining({
              keyId: secret.keyId,
              hint: delivered?.[key!]?.slice(0, 3),
            }),
          ]
        : [],
    });
  }
  expect(Object.keys(delivered ?? {}).sort()).toEqual(
    Object.keys(request.secrets ?? {})
      .map(client => entraSecretKey(client as DeploymentClientKey))
      .sort(),
  );
}
