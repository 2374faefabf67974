import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** One camunda:spec:compose step with this input. */
function composeExample(
  description: string,
  input: Record<string, unknown>,
): TemplateExample {
  return {
    description,
    example: yaml.stringify({
      steps: [
        {
          id: 'spec',
          action: 'camunda:spec:compose',
          name: 'Compose the deployment spec',
          input,
        },
      ],
    }),
  };
}

export const examples: TemplateExample[] = [
  composeExample(
    'Compose the spec of a deployment with every component under one base domain',
    {
      name: 'payments',
      namespace: 'payments-camunda',
      chart: '8.9',
      owner: 'group:default/payments',
      components: {
        orchestration: true,
        connectors: true,
        identity: true,
        optimize: true,
        webModeler: true,
        console: true,
      },
      baseDomain: 'camunda.example.com',
      admins: ['alice@example.com'],
      webModelerFromAddress: 'noreply@example.com',
      secretLifetimeDays: 180,
      adminGroup: 'group:default/camunda-admins',
      machineClients: [
        { name: 'payments-worker', presets: ['job-worker'] },
        { name: 'ci', presets: ['deploy'] },
      ],
    },
  ),
  composeExample(
    "Compose the spec of a deployment whose ExternalSecret reads the sink's vault through a SecretStore in its own namespace instead of the store in the portal's configuration",
    {
      name: 'orders',
      namespace: 'orders-camunda',
      chart: '8.9',
      components: { orchestration: true, connectors: true },
      baseDomain: 'camunda.example.com',
      admins: ['alice@example.com'],
      secretStore: {
        type: 'azureKeyVault',
        vaultUrl: 'https://camunda-kv.vault.azure.net',
        storeRef: { kind: 'SecretStore', name: 'camunda-kv' },
      },
    },
  ),
];
