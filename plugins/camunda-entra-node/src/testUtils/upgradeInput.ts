import type { UpgradeInput } from '@camunda-entra/plugin-camunda-entra-node';

function externalDatabase(name: string) {
  return {
    host: 'postgres.example.com',
    database: name,
    username: name,
    password: { name: 'camunda-credentials', key: `${name}-db-password` },
  };
}

/**
 * What an upgrade to 8.10 needs that an 8.9 spec cannot say: external databases for Identity
 * and Camunda Hub, and an external secondary storage.
 *
 * @public
 */
export const UPGRADE_TO_8_10_INPUT: UpgradeInput = {
  databases: {
    identity: externalDatabase('identity'),
    camundaHub: externalDatabase('hub'),
  },
  secondaryStorage: {
    type: 'externalElasticsearch',
    url: 'https://search.example.com:9200',
  },
};
