import {
  ChartLine,
  DeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { UPGRADE_TO_8_10_INPUT } from '../../testUtils';
import { UpgradeInput } from '../types';

/** The input a spec's upgrade to `to` needs: on 8.10 a database per component that has one. */
export function upgradeInputFor(
  spec: DeploymentSpec,
  to: ChartLine,
): UpgradeInput {
  if (to !== '8.10') {
    return {};
  }
  const { components } = spec;
  const hub = components.webModeler || components.console;
  return {
    ...UPGRADE_TO_8_10_INPUT,
    databases: {
      ...(components.identity && {
        identity: UPGRADE_TO_8_10_INPUT.databases!.identity,
      }),
      ...(hub && { camundaHub: UPGRADE_TO_8_10_INPUT.databases!.camundaHub }),
    },
  };
}
