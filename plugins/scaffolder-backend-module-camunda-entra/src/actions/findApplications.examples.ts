import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Find a hand-made deployment's applications by the guide's display names and adopt them",
    example: yaml.stringify({
      steps: [
        {
          id: 'find',
          action: 'camunda:entra:find-applications',
          name: 'Find the Entra applications',
          input: {
            spec: {
              name: 'payments',
              namespace: 'payments-camunda',
              chart: '8.8',
              components: {
                orchestration: {},
                connectors: {},
                identity: {},
                optimize: {},
              },
              admins: ['alice@example.com'],
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Take the known client ID of the Orchestration Cluster and find Optimize under its own name',
    example: yaml.stringify({
      steps: [
        {
          id: 'find',
          action: 'camunda:entra:find-applications',
          name: 'Find the Entra applications',
          input: {
            spec: {
              name: '${{ parameters.name }}',
              namespace: '${{ parameters.namespace }}',
              chart: '8.8',
              components: { orchestration: {}, identity: {}, optimize: {} },
              admins: ['${{ parameters.admin }}'],
            },
            clientIds: {
              orchestration: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
            },
            displayNames: { optimize: 'payments-optimize' },
          },
        },
      ],
    }),
  },
];
