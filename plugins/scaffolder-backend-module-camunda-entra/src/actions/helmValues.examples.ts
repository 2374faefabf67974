import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Write the values repository with the spec and client IDs from the camunda:entra:request step',
    example: yaml.stringify({
      steps: [
        {
          id: 'values',
          action: 'camunda:helm:values',
          name: 'Generate Helm values',
          input: {
            spec: '${{ steps.request.output.spec }}',
            owner: '${{ parameters.owner }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Write a values repository into a subfolder from a spec with explicit client IDs',
    example: yaml.stringify({
      steps: [
        {
          id: 'values',
          action: 'camunda:helm:values',
          name: 'Generate Helm values',
          input: {
            targetPath: 'deployments/orders',
            owner: 'group:default/orders-team',
            spec: {
              name: 'orders',
              namespace: 'orders-camunda',
              chart: '8.8',
              tenant: { id: '6f1c2f43-0000-4000-8000-000000000001' },
              components: { orchestration: {}, connectors: {} },
              admins: ['alice@example.com'],
            },
            clients: {
              orchestration: '11111111-0000-4000-8000-000000000001',
            },
          },
        },
      ],
    }),
  },
];
