import {
  ChartLine,
  DeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { UpgradeInput } from '../types';

function externalDatabase(name: string) {
  return {
    host: 'postgres.example.com',
    database: name,
    username: name,
    password: { name: 'camunda-credentials', key: `${name}-db-password` },
  };
}

/** What 8.10 needs that the guide's full 8.9 spec cannot say: databases and secondary storage. */
export const TO_8_10: UpgradeInput = {
  databases: {
    identity: externalDatabase('identity'),
    camundaHub: externalDatabase('hub'),
  },
  secondaryStorage: {
    type: 'externalElasticsearch',
    url: 'https://search.example.com:9200',
  },
};

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
    ...TO_8_10,
    databases: {
      ...(components.identity && { identity: TO_8_10.databases!.identity }),
      ...(hub && { camundaHub: TO_8_10.databases!.camundaHub }),
    },
  };
}
