import { fixtureSpec } from '../values/__testUtils__/specs';
import { planUpgrade } from './planUpgrade';
import { UpgradeInput } from './types';
import { UPGRADE_TO_8_10_INPUT } from '../testUtils';
import { upgradeInputFor } from './__testUtils__/upgradeInputs';

function validPlan(...args: Parameters<typeof planUpgrade>) {
  const result = planUpgrade(...args);
  if (!result.valid) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.plan;
}

const changesOf = (plan: ReturnType<typeof validPlan>) =>
  Object.fromEntries(plan.applications.map(a => [a.client, a.change]));

describe('planUpgrade', () => {
  it('replaces Web Modeler and Console with Camunda Hub from 8.9 to 8.10', () => {
    const plan = validPlan(
      fixtureSpec('guide-full-8.9'),
      '8.10',
      UPGRADE_TO_8_10_INPUT,
    );

    expect(plan.spec.chart).toBe('8.10');
    expect(plan.spec.components.camundaHub).toEqual({
      url: 'https://modeler.example.com',
    });
    expect(plan.spec.camundaHub).toEqual({
      fromAddress: 'noreply@example.com',
    });
    expect(plan.spec.components.webModeler).toBeUndefined();
    expect(plan.spec.clients.webModelerUi).toBeUndefined();
    expect(changesOf(plan)).toEqual({
      orchestration: 'unchanged',
      identity: 'unchanged',
      optimize: 'unchanged',
      webModelerUi: 'removed',
      webModelerApi: 'removed',
      console: 'removed',
      camundaHubUi: 'added',
      camundaHubApi: 'added',
    });
    expect(plan.pendingClients).toEqual(['camundaHubUi', 'camundaHubApi']);
    expect(plan.steps.apply.map(p => p.client)).toEqual([
      'orchestration',
      'identity',
      'optimize',
      'camundaHubUi',
      'camundaHubApi',
    ]);
    expect(plan.steps.remove).toEqual([
      { client: 'webModelerUi', uniqueName: 'camunda-payments-web-modeler-ui' },
      {
        client: 'webModelerApi',
        uniqueName: 'camunda-payments-web-modeler-api',
      },
      { client: 'console', uniqueName: 'camunda-payments-console' },
    ]);
    expect(plan.steps.finish).toEqual([]);
    const values = plan.values.find(file => file.path === 'values.yaml');
    expect(values?.diff).toContain(
      "+        clientId: '<registered on apply: camundaHubUi>'",
    );
    expect(plan.breakingChanges.map(change => change.id)).toEqual([
      'camunda-hub',
      'console-auth-dropped',
      'bundled-databases-removed',
      'bundled-elasticsearch-removed',
      'oidc-keys-deprecated',
      'helm-4',
    ]);
  });

  it('changes no application from 8.8 to 8.9, only the values', () => {
    const plan = validPlan(fixtureSpec('guide-full-8.8'), '8.9');

    expect(new Set(Object.values(changesOf(plan)))).toEqual(
      new Set(['unchanged']),
    );
    expect(plan.pendingClients).toEqual([]);
    expect(plan.steps.remove).toEqual([]);
    expect(plan.values.map(file => [file.path, file.change])).toContainEqual([
      'values.yaml',
      'changed',
    ]);
    expect(plan.breakingChanges.map(change => change.id)).toEqual([
      'flat-secret-keys',
      'secondary-storage-required',
      'userinfo-disabled',
      'web-modeler-webapp-merged',
    ]);
  });

  it('names what 8.10 needs that neither the spec nor the input gives', () => {
    const result = planUpgrade(fixtureSpec('guide-full-8.9'), '8.10');

    expect(result.valid).toBe(false);
    expect(!result.valid && result.problems.map(p => p.field)).toEqual([
      'databases.identity',
      'databases.camundaHub',
      'secondaryStorage',
    ]);
  });

  it('refuses a Camunda Hub without a sender when only Console had one', () => {
    const spec = fixtureSpec('guide-full-8.9', input => {
      delete input.components.webModeler;
      delete input.clients.webModelerUi;
      delete input.clients.webModelerApi;
      delete input.webModeler;
    });
    const refused = planUpgrade(spec, '8.10', UPGRADE_TO_8_10_INPUT);
    expect(!refused.valid && refused.problems.map(p => p.field)).toEqual([
      'camundaHub.fromAddress',
    ]);

    const plan = validPlan(spec, '8.10', {
      ...UPGRADE_TO_8_10_INPUT,
      camundaHub: { fromAddress: 'hub@example.com' },
    });
    expect(plan.spec.components.camundaHub).toEqual({
      url: 'https://console.example.com',
    });
  });

  it('takes from the input only what the target line may need', () => {
    const result = planUpgrade(fixtureSpec('guide-full-8.9'), '8.10', {
      ...UPGRADE_TO_8_10_INPUT,
      chart: '8.8',
    } as UpgradeInput);
    expect(!result.valid && result.problems).toEqual([
      {
        field: 'chart',
        message:
          'is not set by an upgrade (only databases, secondaryStorage, camundaHub); change it in the spec',
      },
    ]);
  });

  it('upgrades one line at a time', () => {
    const skipping = planUpgrade(
      fixtureSpec('guide-full-8.8'),
      '8.10',
      UPGRADE_TO_8_10_INPUT,
    );
    expect(!skipping.valid && skipping.problems).toEqual([
      {
        field: 'chart',
        message:
          'cannot upgrade from 8.8 to 8.10: Camunda upgrades one line at a time, the next is 8.9',
      },
    ]);
    const newest = planUpgrade(fixtureSpec('full-8.10'), '8.10');
    expect(!newest.valid && newest.problems[0].message).toBe(
      '8.10 is the newest line; there is nothing to upgrade to',
    );
  });

  it('refuses a spec whose applications are not all registered', () => {
    const spec = fixtureSpec('guide-full-8.9');
    const result = planUpgrade(
      { ...spec, clients: { ...spec.clients, optimize: undefined } },
      '8.10',
      UPGRADE_TO_8_10_INPUT,
    );
    expect(!result.valid && result.problems.map(p => p.field)).toEqual([
      'clients.optimize',
    ]);
  });

  it('is the same plan for the same spec, line and input', () => {
    const spec = fixtureSpec('key-vault-8.9');
    const input = upgradeInputFor(spec, '8.10');
    expect(validPlan(spec, '8.10', input)).toEqual(
      validPlan(spec, '8.10', input),
    );
  });
});
