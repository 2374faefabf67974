import {
  deploymentClientIds,
  deploymentClientLabel,
  isDeploymentClientKey,
  machineClientName,
  specClients,
} from './deploymentClients';

const ORCHESTRATION_ID = '00000000-0000-4000-8000-000000000001';
const WORKER_ID = '00000000-0000-4000-8000-0000000000a1';

describe('deployment client keys', () => {
  it('tells machine clients from component clients', () => {
    expect(machineClientName('machine.ci')).toBe('ci');
    expect(machineClientName('machine.')).toBeUndefined();
    expect(machineClientName('orchestration')).toBeUndefined();
    expect(isDeploymentClientKey('webModelerApi')).toBe(true);
    expect(isDeploymentClientKey('machine.ci')).toBe(true);
    expect(isDeploymentClientKey('zeebe')).toBe(false);
    expect(deploymentClientLabel('machine.ci')).toBe('Machine client ci');
    expect(deploymentClientLabel('webModelerUi')).toBe('Web Modeler UI');
  });

  it('converts between the spec clients and client IDs per client key', () => {
    const clients = {
      orchestration: ORCHESTRATION_ID,
      machine: { 'payments-worker': WORKER_ID },
    };
    const ids = deploymentClientIds(clients);
    expect(ids).toEqual({
      orchestration: ORCHESTRATION_ID,
      'machine.payments-worker': WORKER_ID,
    });
    expect(specClients(ids)).toEqual(clients);
    expect(specClients({ unknown: WORKER_ID })).toEqual({});
  });
});
