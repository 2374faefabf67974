import { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CamundaEntraApi,
  deploymentClientIds,
  deploymentClientLabel,
  formatSpecProblems,
  planEntraApplications,
  specClients,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { examples } from './findApplications.examples';

/** Stands in for the portal's tenant while the spec is read for the clients it needs. */
const PLACEHOLDER_TENANT = { id: '00000000-0000-0000-0000-000000000000' };

/**
 * Options of {@link createCamundaFindApplicationsAction}.
 *
 * @public
 */
export interface CamundaFindApplicationsActionOptions {
  client: CamundaEntraApi;
  auth: AuthService;
}

/**
 * `camunda:entra:find-applications`: finds the client IDs of a deployment whose applications
 * were registered by hand, for an adoption (`camunda:entra:request` with kind adopt). A client
 * ID given is kept; each other application the spec needs is looked up by its display name
 * (the guide's component name unless one is given) among the applications no deployment holds
 * yet, on behalf of the task's initiator. Refused, naming each client, unless exactly one
 * application has that name.
 *
 * @public
 */
export function createCamundaFindApplicationsAction(
  options: CamundaFindApplicationsActionOptions,
) {
  const { client, auth } = options;

  return createTemplateAction({
    id: 'camunda:entra:find-applications',
    description:
      "Finds the client IDs of a deployment's applications registered by hand, by client ID or display name, and outputs the spec with its clients for an adoption (camunda:entra:request with kind adopt).",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        spec: z =>
          z
            .record(z.unknown())
            .describe(
              'Deployment spec (name, namespace, chart, components, admins, …), e.g. the output of camunda:spec:compose',
            ),
        clientIds: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              'Client IDs already known, by client key (orchestration, identity, optimize, webModelerUi, webModelerApi, console, camundaHubUi, camundaHubApi; machine clients as machine.<name>); empty values are ignored',
            ),
        displayNames: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              "The display name to look for, by client key; default the guide's component name (Orchestration Cluster, Management Identity, Optimize, Web Modeler UI, Web Modeler API, Console)",
            ),
      },
      output: {
        clients: z =>
          z
            .record(z.string())
            .describe(
              'Client ID per client key; machine clients as machine.<name>',
            ),
        spec: z =>
          z
            .record(z.unknown())
            .describe('The spec with its clients, for camunda:entra:request'),
      },
    },
    async handler(ctx) {
      const { spec, clientIds = {}, displayNames = {} } = ctx.input;
      const result = validateDeploymentSpec({
        ...spec,
        tenant: spec.tenant ?? PLACEHOLDER_TENANT,
      });
      if (!result.valid) {
        throw new InputError(
          `Invalid deployment spec: ${formatSpecProblems(result.problems)}`,
        );
      }
      const given: Record<string, string> = {
        ...deploymentClientIds(result.spec.clients),
        ...Object.fromEntries(
          Object.entries(clientIds).filter(([, id]) => id.trim() !== ''),
        ),
      };
      const token = async () =>
        (
          await auth.getPluginRequestToken({
            onBehalfOf: await ctx.getInitiatorCredentials(),
            targetPluginId: 'camunda-entra',
          })
        ).token;

      const clients: Record<string, string> = {};
      const problems: string[] = [];
      const planned = planEntraApplications(result.spec);
      for (const [index, { client: key }] of planned.entries()) {
        if (given[key]) {
          clients[key] = given[key].trim();
          continue;
        }
        const name = displayNames[key]?.trim() || deploymentClientLabel(key);
        if (ctx.isDryRun) {
          clients[key] = `00000000-0000-4000-8000-${String(index + 1).padStart(
            12,
            '0',
          )}`;
          continue;
        }
        const { items } = await client.findAdoptionCandidates(
          { displayName: name },
          { token: await token() },
        );
        const named = items.filter(
          item => item.displayName.toLowerCase() === name.toLowerCase(),
        );
        const free = named.filter(item => !item.deployment);
        if (free.length === 1) {
          clients[key] = free[0].appId;
          ctx.logger.info(
            `${deploymentClientLabel(key)}: "${name}" has client ID ${
              free[0].appId
            }`,
          );
        } else {
          problems.push(`${key}: ${refusal(name, named)}`);
        }
      }
      if (problems.length > 0) {
        throw new InputError(
          `${problems.join(
            '; ',
          )}. Give the client IDs of these applications (Entra admin center, App registrations, Overview)`,
        );
      }
      ctx.output('clients', clients);
      ctx.output('spec', { ...spec, clients: specClients(clients) });
    },
  });
}

/** Why a display name gave no client ID. */
function refusal(
  name: string,
  named: Array<{ appId: string; deployment?: string }>,
): string {
  const free = named.filter(item => !item.deployment);
  if (free.length > 1) {
    return `${free.length} applications are named "${name}" (${free
      .map(item => item.appId)
      .join(', ')})`;
  }
  const held = named.find(item => item.deployment);
  return held
    ? `the application named "${name}" (${held.appId}) belongs to the deployment ${held.deployment}`
    : `no application is named "${name}"`;
}
