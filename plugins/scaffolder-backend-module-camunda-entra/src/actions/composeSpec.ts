import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  SecretStoreSpec,
  validateDeploymentSpec,
  formatSpecProblems,
} from '@camunda-entra/plugin-camunda-entra-common';
import { adminGroupId } from '../spec/adminGroup';
import { MACHINE_CLIENT_PRESETS } from '../spec/machineClientPresets';
import { specFromForm } from '../spec/specFromForm';
import { examples } from './composeSpec.examples';

/** Validation needs a tenant; the portal's directory fills in the real one later. */
const PLACEHOLDER_TENANT = { id: '00000000-0000-0000-0000-000000000000' };

/**
 * Options of {@link createCamundaSpecComposeAction}.
 *
 * @public
 */
export interface CamundaSpecComposeActionOptions {
  /** Where the administrators' group and its Entra object ID are looked up. */
  catalog: CatalogService;
  /**
   * The store of the portal's secret sink (readSecretStoreConfig), given to every spec that
   * names none, so that its ExternalSecret reads where the sink writes.
   */
  secretStore?: SecretStoreSpec;
}

/**
 * `camunda:spec:compose`: turns the Camunda template's form into a deployment spec and checks
 * it, so a bad form fails before anything is requested.
 *
 * @public
 */
export function createCamundaSpecComposeAction(
  options: CamundaSpecComposeActionOptions,
) {
  return createTemplateAction({
    id: 'camunda:spec:compose',
    description:
      'Builds a Camunda deployment spec from template form values (component checkboxes, base domain or per-component URLs) and validates it.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Deployment name (DNS label)'),
        namespace: z => z.string().describe('Kubernetes namespace'),
        chart: z =>
          z.string().describe('Camunda chart line: 8.8, 8.9 or 8.10 (preview)'),
        owner: z => z.string().optional().describe('Catalog owner'),
        components: z =>
          z
            .object({
              orchestration: z.boolean().optional(),
              connectors: z.boolean().optional(),
              identity: z.boolean().optional(),
              optimize: z.boolean().optional(),
              webModeler: z.boolean().optional(),
              console: z.boolean().optional(),
              camundaHub: z.boolean().optional(),
            })
            .describe(
              'Checked components; those the chart line does not have are left out',
            ),
        baseDomain: z =>
          z
            .string()
            .optional()
            .describe(
              'Components without a URL get https://<name>-<component>.<baseDomain>',
            ),
        urls: z =>
          z
            .object({
              orchestration: z.string().optional(),
              identity: z.string().optional(),
              optimize: z.string().optional(),
              webModeler: z.string().optional(),
              console: z.string().optional(),
              camundaHub: z.string().optional(),
            })
            .optional()
            .describe('Browser-facing base URL per component'),
        admins: z =>
          z.array(z.string()).min(1).describe('Initial administrators'),
        webModelerFromAddress: z =>
          z
            .string()
            .optional()
            .describe('Sender address of Web Modeler or Camunda Hub'),
        external: z =>
          z
            .object({
              postgresHost: z.string().optional(),
              postgresSecret: z.string().optional(),
              searchType: z
                .enum(['externalElasticsearch', 'externalOpensearch'])
                .optional(),
              searchUrl: z.string().optional(),
              searchUsername: z.string().optional(),
              searchSecret: z.string().optional(),
            })
            .optional()
            .describe(
              'Chart 8.10: the PostgreSQL server of Management Identity and Camunda Hub, and the secondary storage (the chart installs neither)',
            ),
        secretLifetimeDays: z =>
          z.number().int().optional().describe('Client secret lifetime'),
        machineClients: z =>
          z
            .array(
              z.object({
                name: z.string(),
                presets: z.array(
                  z.enum(
                    Object.keys(MACHINE_CLIENT_PRESETS) as [
                      string,
                      ...string[],
                    ],
                  ),
                ),
              }),
            )
            .optional()
            .describe(
              'Machine clients, each with presets of Orchestration Cluster permissions',
            ),
        adminGroup: z =>
          z
            .string()
            .optional()
            .describe(
              'Catalog group (with a graph.microsoft.com/group-id annotation) whose members become Orchestration Cluster admins',
            ),
        secretStore: z =>
          z
            .object({
              type: z.string(),
              vaultUrl: z.string(),
              workloadIdentity: z.object({ clientId: z.string() }).optional(),
              storeRef: z
                .object({ kind: z.string(), name: z.string() })
                .optional(),
            })
            .optional()
            .describe(
              "Vault of the client secrets and how the cluster reads it: the deployment's own SecretStore as a workload identity, or an existing External Secrets store; default the portal's Azure Key Vault sink, if it has one",
            ),
      },
      output: {
        spec: z => z.record(z.unknown()).describe('The deployment spec'),
      },
    },
    async handler(ctx) {
      const { adminGroup, secretStore, ...form } = ctx.input;
      const store = secretStore ?? options.secretStore;
      const spec: Record<string, unknown> = {
        ...specFromForm({
          ...form,
          ...(adminGroup && {
            adminGroupId: await adminGroupId(
              options.catalog,
              adminGroup,
              await ctx.getInitiatorCredentials(),
            ),
          }),
        }),
        ...(store && { secretStore: store }),
      };
      const result = validateDeploymentSpec({
        ...spec,
        tenant: PLACEHOLDER_TENANT,
      });
      if (!result.valid) {
        throw new InputError(
          `The form does not describe a valid deployment: ${formatSpecProblems(
            result.problems,
          )}`,
        );
      }
      ctx.logger.info(
        `Deployment ${spec.name}: ${Object.keys(spec.components as object).join(
          ', ',
        )}`,
      );
      ctx.output('spec', spec);
    },
  });
}
