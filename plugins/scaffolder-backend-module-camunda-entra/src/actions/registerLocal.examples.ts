import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the catalog-info.yaml that camunda:publish:local committed',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'camunda:catalog:register-local',
          name: 'Register in the catalog',
          input: {
            catalogInfoPath: '${{ steps.publish.output.catalogInfoPath }}',
          },
        },
      ],
    }),
  },
];
