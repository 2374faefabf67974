import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  LocalPublishConfig,
  localRepositoryPath,
  publishDirectory,
} from '@camunda-entra/plugin-camunda-entra-node';
import path from 'path';
import { examples } from './publishLocal.examples';

/**
 * `camunda:publish:local`: commits the workspace into a Git repository on the portal's disk,
 * a publishing target that needs no Git server (laptops, demos, end-to-end tests).
 *
 * @public
 */
export function createCamundaPublishLocalAction(options: {
  config: LocalPublishConfig;
}) {
  const { config } = options;

  return createTemplateAction({
    id: 'camunda:publish:local',
    description:
      'Commits the workspace into a Git repository under camundaEntra.publish.local.directory on the portal host. Each run replaces the repository content with a new commit.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repository: z =>
          z
            .string()
            .regex(
              /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
              'must be a lower-case name such as camunda-payments',
            )
            .describe('Name of the repository folder'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder to publish, default the whole workspace',
            ),
        defaultBranch: z =>
          z
            .string()
            .regex(/^[A-Za-z0-9._/-]+$/)
            .optional()
            .describe('Branch of a new repository, default main'),
        commitMessage: z =>
          z
            .string()
            .optional()
            .describe('Default: Publish from the Backstage scaffolder'),
        gitAuthorName: z =>
          z.string().optional().describe('Default: Scaffolder'),
        gitAuthorEmail: z =>
          z.string().optional().describe('Default: scaffolder@backstage.io'),
      },
      output: {
        repositoryPath: z => z.string().describe('Absolute repository folder'),
        remoteUrl: z => z.string().describe('file:// URL to clone from'),
        commitHash: z => z.string(),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of catalog-info.yaml, for camunda:catalog:register-local',
            ),
      },
    },
    async handler(ctx) {
      if (!config.enabled) {
        throw new InputError(
          'Publishing to local repositories is disabled; set camundaEntra.publish.local.enabled: true',
        );
      }
      // The scaffolder validates input against the JSON schema but applies no defaults.
      const {
        repository,
        sourcePath = '.',
        defaultBranch = 'main',
        commitMessage = 'Publish from the Backstage scaffolder',
        gitAuthorName = 'Scaffolder',
        gitAuthorEmail = 'scaffolder@backstage.io',
      } = ctx.input;
      const dir = localRepositoryPath(config, repository);
      const source = resolveSafeChildPath(ctx.workspacePath, sourcePath);
      ctx.output('repositoryPath', dir);
      ctx.output('remoteUrl', `file://${dir}`);
      ctx.output('catalogInfoPath', path.join(dir, 'catalog-info.yaml'));

      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would commit ${sourcePath} to ${dir}`);
        ctx.output('commitHash', 'dry-run');
        return;
      }

      const { commitHash, created } = await publishDirectory({
        dir,
        source,
        defaultBranch,
        message: commitMessage,
        author: { name: gitAuthorName, email: gitAuthorEmail },
      });
      ctx.logger.info(
        `${created ? 'Created' : 'Updated'} ${dir} at commit ${commitHash}`,
      );
      ctx.output('commitHash', commitHash);
    },
  });
}
