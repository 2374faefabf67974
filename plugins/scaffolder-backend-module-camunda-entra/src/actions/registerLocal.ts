import { isChildPath } from '@backstage/cli-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readFile } from 'fs/promises';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { LocalPublishConfig } from '../config';
import { examples } from './registerLocal.examples';

/**
 * `camunda:catalog:register-local`: registers a catalog-info.yaml of a local repository (see
 * camunda:publish:local) as a `file` location, which the built-in catalog:register cannot do.
 *
 * @public
 */
export function createCamundaCatalogRegisterLocalAction(options: {
  config: LocalPublishConfig;
  catalog: CatalogService;
}) {
  const { config, catalog } = options;

  return createTemplateAction({
    id: 'camunda:catalog:register-local',
    description:
      'Registers the catalog-info.yaml of a local repository (camunda:publish:local) in the software catalog.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of a catalog-info.yaml inside camundaEntra.publish.local.directory',
            ),
      },
      output: {
        entityRef: z => z.string().describe('The registered entity'),
      },
    },
    async handler(ctx) {
      const file = path.resolve(ctx.input.catalogInfoPath);
      if (!config.enabled || !isChildPath(config.directory, file)) {
        throw new InputError(
          `Only files inside the enabled local repositories folder (${config.directory}) can be registered`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${file}`);
        ctx.output('entityRef', 'component:default/dry-run');
        return;
      }
      const entityRef = await firstEntityRef(file);
      const credentials = await ctx.getInitiatorCredentials();
      try {
        await catalog.addLocation(
          { type: 'file', target: file },
          { credentials },
        );
        ctx.logger.info(`Registered ${file} in the catalog`);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 409) {
          throw error;
        }
        // Published before: the location exists, so have the catalog read it again now.
        try {
          await catalog.refreshEntity(entityRef, { credentials });
        } catch {
          ctx.logger.info(
            `${entityRef} appears after the next catalog refresh`,
          );
        }
        ctx.logger.info(`${file} was already registered; refreshed`);
      }
      ctx.output('entityRef', entityRef);
    },
  });
}

async function firstEntityRef(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(`No catalog file at ${file}`);
  }
  const entity = parseAllDocuments(text)[0]?.toJS();
  if (!entity?.kind || !entity?.metadata?.name) {
    throw new InputError(`${file} does not describe a catalog entity`);
  }
  return stringifyEntityRef(entity);
}
