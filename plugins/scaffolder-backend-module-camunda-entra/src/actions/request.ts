import { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CamundaEntraApi,
  CamundaEntraRequest,
  deploymentClientIds,
  deploymentEntityName,
  planEntraApplications,
  RequestEvent,
  specClients,
  validateDeploymentSpec,
  formatSpecProblems,
} from '@camunda-entra/plugin-camunda-entra-common';
import { setTimeout as sleep } from 'timers/promises';
import { examples } from './request.examples';

/** Stands in for the portal's tenant when a dry run validates a spec that names none. */
const PLACEHOLDER_TENANT = { id: '00000000-0000-0000-0000-000000000000' };

/**
 * Options of {@link createCamundaEntraRequestAction}.
 *
 * @public
 */
export interface CamundaEntraRequestActionOptions {
  client: CamundaEntraApi;
  auth: AuthService;
  /** How often the request is polled; default 5 seconds. */
  pollIntervalMs?: number;
}

/**
 * `camunda:entra:request`: requests the Entra applications of a deployment on behalf of the
 * task's initiator and waits until the platform team approved and they are registered.
 *
 * @public
 */
export function createCamundaEntraRequestAction(
  options: CamundaEntraRequestActionOptions,
) {
  const { client, auth, pollIntervalMs = 5000 } = options;

  return createTemplateAction({
    id: 'camunda:entra:request',
    description:
      'Requests the Entra applications of a Camunda deployment, waits for approval and registration, and outputs the client IDs. Secrets never appear in the task.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        spec: z =>
          z
            .record(z.unknown())
            .describe(
              'Deployment spec (name, namespace, chart, components, admins, …); tenant defaults to the portal directory',
            ),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'Catalog entity of the deployment; default component:default/camunda-<name>',
            ),
        environment: z =>
          z
            .string()
            .optional()
            .describe(
              'Environment, e.g. development; recorded with the request, never matched by auto-approval',
            ),
        kind: z =>
          z
            .enum(['provision', 'adopt'])
            .optional()
            .describe(
              "provision (default) registers the applications; adopt records applications registered by hand, named by the spec's clients (see camunda:entra:find-applications), without changing them",
            ),
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              "The deployment's owner to record (a group the initiator is a member of, e.g. the template's owner) when its catalog entity does not exist yet; default the initiator",
            ),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(7 * 24 * 60)
            .optional()
            .describe(
              'How long to wait for approval and registration, default 1440 (a day)',
            ),
      },
      output: {
        requestId: z => z.string().describe('ID of the provisioning request'),
        clients: z =>
          z
            .record(z.string())
            .describe(
              'Application (client) ID per client key; machine clients as machine.<name>',
            ),
        spec: z =>
          z
            .record(z.unknown())
            .describe(
              'The spec as registered (tenant filled in) with its clients, for camunda:helm:values',
            ),
      },
    },
    async handler(ctx) {
      // The scaffolder validates input against the JSON schema but applies no defaults.
      const {
        spec,
        environment,
        owner,
        kind = 'provision',
        timeoutMinutes = 24 * 60,
      } = ctx.input;
      const name = typeof spec.name === 'string' ? spec.name : undefined;
      const entityRef =
        ctx.input.entityRef ??
        (name ? `component:default/${deploymentEntityName(name)}` : undefined);

      if (ctx.isDryRun) {
        const result = validateDeploymentSpec({
          ...spec,
          tenant: spec.tenant ?? PLACEHOLDER_TENANT,
        });
        if (!result.valid) {
          throw new InputError(
            `Invalid deployment spec: ${formatSpecProblems(result.problems)}`,
          );
        }
        // An adoption records the client IDs its spec names.
        const clients =
          kind === 'adopt'
            ? deploymentClientIds(result.spec.clients)
            : Object.fromEntries(
                planEntraApplications(result.spec).map((application, index) => [
                  application.client,
                  `00000000-0000-4000-8000-${String(index + 1).padStart(
                    12,
                    '0',
                  )}`,
                ]),
              );
        ctx.logger.info(
          kind === 'adopt'
            ? `Dry run: would adopt ${
                Object.keys(clients).length
              } Entra applications for ${result.spec.name}`
            : `Dry run: would request ${
                Object.keys(clients).length
              } Entra applications for ${
                result.spec.name
              }; client IDs are placeholders`,
        );
        ctx.output('requestId', 'dry-run');
        ctx.output('clients', clients);
        ctx.output('spec', { ...result.spec, clients: specClients(clients) });
        return;
      }

      const token = async () =>
        (
          await auth.getPluginRequestToken({
            onBehalfOf: await ctx.getInitiatorCredentials(),
            targetPluginId: 'camunda-entra',
          })
        ).token;

      // A retried or recovered task finds the request it created before.
      const requestId = await ctx.checkpoint({
        key: `camunda-entra-request-${ctx.step?.id ?? 'request'}`,
        fn: async () => {
          const created = await client.createRequest(
            { spec, entityRef, environment, kind, ...(owner && { owner }) },
            { token: await token() },
          );
          return created.id;
        },
      });
      ctx.logger.info(
        `${
          kind === 'adopt' ? 'Adoption' : 'Provisioning'
        } request ${requestId}`,
      );

      const deadline = Date.now() + timeoutMinutes * 60_000;
      let logged = 0;
      let firstLook = true;
      for (;;) {
        let request = await client.getRequest(requestId, {
          token: await token(),
        });
        if (request.state === 'failed' && firstLook) {
          // The task was retried after a failure: retrying the task retries the request.
          ctx.logger.info(
            `Retrying the failed request (${request.failureReason})`,
          );
          request = await client.retryRequest(requestId, {
            token: await token(),
          });
        }
        firstLook = false;
        for (const event of request.history.slice(logged)) {
          ctx.logger.info(describeEvent(event));
        }
        logged = request.history.length;

        if (request.state === 'provisioned') {
          ctx.output('requestId', request.id);
          ctx.output('clients', request.clients);
          // The request keys machine clients `machine.<name>`; the spec nests them.
          ctx.output('spec', {
            ...request.spec,
            clients: specClients(request.clients),
          });
          return;
        }
        if (request.state === 'rejected') {
          const decision = lastEvent(request);
          throw new Error(
            `The platform team rejected the request (${decision.actor}): ${decision.comment}`,
          );
        }
        if (request.state === 'failed') {
          throw new Error(
            `Registration failed: ${request.failureReason}. Retry this task to retry the request.`,
          );
        }
        if (Date.now() >= deadline) {
          throw new Error(
            `Request ${requestId} is still ${request.state} after ${timeoutMinutes} minutes; retry this task to keep waiting`,
          );
        }
        await sleep(pollIntervalMs, undefined, { signal: ctx.signal });
      }
    },
  });
}

function lastEvent(request: CamundaEntraRequest): RequestEvent {
  return request.history[request.history.length - 1];
}

function describeEvent(event: RequestEvent): string {
  switch (event.state) {
    case 'pending':
      return `Requested by ${event.actor}; waiting for approval by the platform team`;
    case 'approved':
      return `Approved by ${event.actor}${
        event.comment ? `: ${event.comment}` : ''
      }`;
    case 'rejected':
      return `Rejected by ${event.actor}: ${event.comment}`;
    case 'failed':
      return 'Registration failed';
    default:
      return event.comment ?? event.state;
  }
}
