import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Commit the workspace into the local repository camunda-payments',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'camunda:publish:local',
          name: 'Publish to a local repository',
          input: {
            repository: 'camunda-payments',
            commitMessage: 'Camunda deployment payments',
          },
        },
      ],
    }),
  },
];
