import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  deploymentEntityName,
  DeploymentSpec,
  specClients,
  validateDeploymentSpec,
  formatSpecProblems,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  generateValuesRepository,
  writeValuesRepository,
} from '@camunda-entra/plugin-camunda-entra-node';
import { examples } from './helmValues.examples';

/**
 * `camunda:helm:values`: writes the Helm values repository of a registered deployment
 * (values.yaml, README.md, secrets/, catalog-info.yaml) into the workspace.
 *
 * @public
 */
export function createCamundaHelmValuesAction() {
  return createTemplateAction({
    id: 'camunda:helm:values',
    description:
      'Writes the Camunda Helm values repository (values, README, secret commands without values, catalog-info.yaml) for a deployment whose Entra applications are registered.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        spec: z =>
          z
            .record(z.unknown())
            .describe(
              'Deployment spec with tenant, usually the spec output of camunda:entra:request',
            ),
        clients: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              'Client IDs per client key (machine clients as machine.<name>), merged over spec.clients',
            ),
        owner: z =>
          z
            .string()
            .optional()
            .describe('Catalog owner of the deployment entity'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder to write into, default the workspace root; must be absent or empty',
            ),
      },
      output: {
        path: z => z.string().describe('The folder written, in the workspace'),
        files: z => z.array(z.string()).describe('Paths of the written files'),
        entityRef: z =>
          z.string().describe('Ref of the entity in catalog-info.yaml'),
      },
    },
    async handler(ctx) {
      // The scaffolder validates input against the JSON schema but applies no defaults.
      const { spec, clients, owner, targetPath = '.' } = ctx.input;
      const result = validateDeploymentSpec(
        { ...spec, clients: mergeClients(spec.clients, clients) },
        { requireClients: true },
      );
      if (!result.valid) {
        throw new InputError(
          `Invalid deployment spec: ${formatSpecProblems(result.problems)}`,
        );
      }
      const repository = generateValuesRepository(result.spec, { owner });
      const dir = resolveSafeChildPath(ctx.workspacePath, targetPath);
      await writeValuesRepository(dir, repository);

      const files = repository.files.map(file => file.path);
      ctx.logger.info(`Wrote ${files.join(', ')} to ${targetPath}`);
      ctx.output('path', targetPath);
      ctx.output('files', files);
      ctx.output(
        'entityRef',
        `component:default/${deploymentEntityName(result.spec.name)}`,
      );
    },
  });
}

/** The spec's clients with `ids` (per client key) over them, machine clients merged by name. */
function mergeClients(
  clients: unknown,
  ids: Record<string, string> | undefined,
): unknown {
  if (!ids) {
    return clients;
  }
  const base = (clients ?? {}) as DeploymentSpec['clients'];
  const extra = specClients(ids);
  const machine = { ...base.machine, ...extra.machine };
  return {
    ...base,
    ...extra,
    ...(Object.keys(machine).length > 0 && { machine }),
  };
}
