import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Request the Entra applications of a deployment with every component and wait for them',
    example: yaml.stringify({
      steps: [
        {
          id: 'request',
          action: 'camunda:entra:request',
          name: 'Request Entra applications',
          input: {
            environment: 'development',
            spec: {
              name: 'payments',
              namespace: 'payments-camunda',
              chart: '8.9',
              components: {
                orchestration: { url: 'https://camunda.example.com' },
                connectors: {},
                identity: { url: 'https://identity.example.com' },
                optimize: { url: 'https://optimize.example.com' },
                webModeler: { url: 'https://modeler.example.com' },
                console: { url: 'https://console.example.com' },
              },
              admins: ['alice@example.com'],
              webModeler: { fromAddress: 'noreply@example.com' },
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Request the applications of a minimal deployment from template parameters, waiting at most two hours',
    example: yaml.stringify({
      steps: [
        {
          id: 'request',
          action: 'camunda:entra:request',
          name: 'Request Entra applications',
          input: {
            entityRef: 'component:default/camunda-orders',
            timeoutMinutes: 120,
            spec: {
              name: '${{ parameters.name }}',
              namespace: '${{ parameters.namespace }}',
              chart: '8.8',
              components: { orchestration: {}, connectors: {} },
              admins: ['${{ parameters.admin }}'],
            },
          },
        },
      ],
    }),
  },
];
