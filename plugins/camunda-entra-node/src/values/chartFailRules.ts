import { ChartLine } from '@camunda-entra/plugin-camunda-entra-common';
import { chartLineProfile } from './chartLines';
import { HelmValues } from './buildValues';
import { valueAt } from './valueAt';

/** A component's `enabled`, falling back to the chart default. */
function isEnabled(values: HelmValues, component: string, byDefault: boolean) {
  const enabled = valueAt(values, `${component}.enabled`);
  return enabled === undefined ? byDefault : enabled === true;
}

function* secretBlocks(
  node: unknown,
  path: string[] = [],
): Generator<{ path: string; block: unknown }> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === 'secret') {
      yield { path: [...path, key].join('.'), block: child };
    } else {
      yield* secretBlocks(child, [...path, key]);
    }
  }
}

/**
 * The chart's `fail` rules (templates/common/constraints.tpl) and the secret shape chart
 * 14.x needs, checked on generated values. Returns one message per violation, each
 * starting with the key path.
 *
 * @public
 */
export function chartFailRuleViolations(
  line: ChartLine,
  values: HelmValues,
): string[] {
  const profile = chartLineProfile(line);
  const violations: string[] = [];
  const type = valueAt(values, 'global.identity.auth.type');
  if (!['KEYCLOAK', 'MICROSOFT', 'GENERIC'].includes(type as string)) {
    violations.push(
      `global.identity.auth.type: must be KEYCLOAK, MICROSOFT or GENERIC, is ${JSON.stringify(
        type,
      )}`,
    );
  }
  const identity = isEnabled(values, 'identity', false);
  for (const component of ['console', 'webModeler', 'camundaHub']) {
    if (isEnabled(values, component, false) && !identity) {
      violations.push(
        `${component}.enabled: needs identity.enabled (Management Identity)`,
      );
    }
  }
  if (
    isEnabled(values, 'webModeler', false) &&
    !valueAt(values, 'webModeler.restapi.mail.fromAddress')
  ) {
    violations.push(
      'webModeler.restapi.mail.fromAddress: required when Web Modeler is enabled',
    );
  }
  // Camunda Hub (15.x) is Web Modeler's deployment with camundaHub.* merged over webModeler.*.
  if (
    isEnabled(values, 'camundaHub', false) &&
    !valueAt(values, 'camundaHub.restapi.mail.fromAddress') &&
    !valueAt(values, 'webModeler.restapi.mail.fromAddress')
  ) {
    violations.push(
      'camundaHub.restapi.mail.fromAddress: required when Camunda Hub is enabled',
    );
  }
  if (
    profile.requiresSecondaryStorage &&
    isEnabled(values, 'orchestration', true) &&
    !(
      valueAt(values, 'orchestration.data.secondaryStorage.type') ||
      valueAt(values, 'global.noSecondaryStorage') ||
      valueAt(values, 'orchestration.exporters.rdbms.enabled') ||
      valueAt(values, 'global.elasticsearch.enabled') ||
      valueAt(values, 'global.opensearch.enabled') ||
      valueAt(values, 'optimize.database.elasticsearch.enabled') ||
      valueAt(values, 'optimize.database.opensearch.enabled')
    )
  ) {
    violations.push(
      `orchestration.data.secondaryStorage.type: chart ${profile.chartVersion} (Camunda ${line}) needs secondary storage for the Orchestration Cluster`,
    );
  }
  for (const { path, block } of secretBlocks(values)) {
    const secret = block as {
      existingSecret?: unknown;
      existingSecretKey?: unknown;
    };
    if (
      typeof block !== 'object' ||
      block === null ||
      typeof secret.existingSecret !== 'string' ||
      !secret.existingSecret ||
      typeof secret.existingSecretKey !== 'string' ||
      !secret.existingSecretKey
    ) {
      violations.push(
        `${path}: must be { existingSecret, existingSecretKey } with both set`,
      );
    }
  }
  if (
    identity &&
    !isEnabled(values, 'optimize', false) &&
    !(
      (valueAt(values, 'identity.env') as
        | Array<{ name?: string }>
        | undefined) ?? []
    ).some(env => env.name === 'CAMUNDA_IDENTITY_AUDIENCE')
  ) {
    violations.push(
      'identity.env: needs CAMUNDA_IDENTITY_AUDIENCE when Optimize is disabled, or Management Identity does not start',
    );
  }
  return violations;
}
