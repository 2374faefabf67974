import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  CamundaEntraRequest,
  deploymentClientLabel,
  SignInVerification,
} from '@camunda-entra/plugin-camunda-entra-common';

/** Where the approvals page of the frontend plugin shows one request. */
const requestLink = (id: string) => `/camunda-entra/requests/${id}`;

/** Where the "Microsoft Entra ID" tab of the deployment's entity shows its verification. */
function entraTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLowerCase()}/${name}/entra`;
}

/** How many problems a notification lists before it points to the tab. */
const LISTED_PROBLEMS = 3;

const TOPIC = 'camunda-entra';

/**
 * Tells approvers about waiting and failed requests, and requesters about decisions and
 * results. A notification that cannot be sent is logged and never fails the request.
 */
export class RequestNotifier {
  static create(options: {
    notifications: NotificationService;
    approvers: string[];
    logger: LoggerService;
  }): RequestNotifier {
    return new RequestNotifier(
      options.notifications,
      options.approvers,
      options.logger,
    );
  }

  private constructor(
    private readonly notifications: NotificationService,
    private readonly approvers: string[],
    private readonly logger: LoggerService,
  ) {}

  async awaitingApproval(request: CamundaEntraRequest): Promise<void> {
    await this.send(request, this.approvers, {
      title: `${subject(request)} waits for your approval`,
      description: approvalDescription(request),
    });
  }

  async decided(request: CamundaEntraRequest): Promise<void> {
    const decision = request.history[request.history.length - 1];
    await this.send(request, [request.requester], {
      title: `${subject(request)} was ${request.state}`,
      description: `${decision.actor}${
        decision.comment ? `: ${decision.comment}` : ''
      }`,
      severity: request.state === 'rejected' ? 'high' : 'normal',
    });
  }

  async provisioned(request: CamundaEntraRequest): Promise<void> {
    await this.send(request, [request.requester], {
      title:
        request.kind !== 'provision'
          ? `${subject(request)} is done`
          : `Entra applications of ${deploymentName(request)} are ready`,
      description: request.secretLocation
        ? `Client secrets: ${request.secretLocation}`
        : undefined,
    });
  }

  async failed(request: CamundaEntraRequest): Promise<void> {
    await this.send(request, [request.requester, ...this.approvers], {
      title: `${subject(request)} failed`,
      description: request.failureReason,
      severity: 'high',
    });
  }

  /**
   * Tells the deployment's recorded owner (a group or user, when one is recorded) and the
   * requester that its applications, as provisioned, do not sign in: the first problems,
   * never a secret.
   */
  async signInFailed(
    registration: CamundaEntraRequest,
    verification: SignInVerification,
    owner: string | undefined,
  ): Promise<void> {
    const { problems } = verification;
    const listed = problems
      .slice(0, LISTED_PROBLEMS)
      .map(
        problem =>
          `${deploymentClientLabel(problem.client)}: ${problem.message}${
            problem.entraError ? ` (${problem.entraError})` : ''
          }`,
      );
    if (problems.length > LISTED_PROBLEMS) {
      listed.push(`and ${problems.length - LISTED_PROBLEMS} more`);
    }
    await this.send(
      registration,
      [...new Set([owner ?? registration.requester, registration.requester])],
      {
        title: `Sign-in verification of ${deploymentName(registration)} found ${
          problems.length
        } problem${problems.length === 1 ? '' : 's'}`,
        description: listed.join('; '),
        severity: 'high',
        ...(registration.entityRef && {
          link: entraTabLink(registration.entityRef),
        }),
        scope: `camunda-entra-verification:${registration.id}`,
      },
    );
  }

  private async send(
    request: CamundaEntraRequest,
    entityRef: string[],
    payload: {
      title: string;
      description?: string;
      severity?: 'high' | 'normal';
      link?: string;
      scope?: string;
    },
  ): Promise<void> {
    if (entityRef.length === 0) {
      return;
    }
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          link: requestLink(request.id),
          topic: TOPIC,
          scope: `camunda-entra-request:${request.id}`,
          ...payload,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send notification about request ${request.id}: ${error}`,
      );
    }
  }
}

/** What an approver is asked to decide, and who asks for whom when not a member of the owner. */
function approvalDescription(request: CamundaEntraRequest): string {
  const { note } = request.plan.ownership ?? {};
  return note ? `${askedFor(request)} Note: ${note}.` : askedFor(request);
}

function askedFor(request: CamundaEntraRequest): string {
  const applications = request.plan.applications.length;
  const { ownership } = request.plan;
  switch (request.kind) {
    case 'rotate':
      return `${request.requester} asks for a new ${deploymentClientLabel(
        request.client!,
      )} client secret.`;
    case 'repair':
      return `${request.requester} asks to undo changes made outside the portal to ${applications} Entra applications.`;
    case 'transfer':
      return `${request.requester} asks to move ${deploymentName(
        request,
      )} from ${ownership?.owner ?? 'no recorded owner'} to ${
        ownership?.transferTo
      }.`;
    case 'adopt':
      return `${request.requester} asks the portal to watch ${applications} Entra applications registered by hand; nothing in the directory changes.`;
    case 'upgrade':
      return `${request.requester} asks to upgrade ${deploymentName(
        request,
      )} from Camunda ${request.plan.upgrade?.from} to ${
        request.plan.upgrade?.to
      }.`;
    default:
      return `${request.requester} requests ${applications} Entra applications.`;
  }
}

/** What a request is about, as the start of a notification title. */
function subject(request: CamundaEntraRequest): string {
  switch (request.kind) {
    case 'rotate':
      return `Rotation of the ${deploymentClientLabel(
        request.client!,
      )} secret of ${deploymentName(request)}`;
    case 'repair':
      return `Repair of the Entra applications of ${deploymentName(request)}`;
    case 'transfer':
      return `Transfer of ${deploymentName(request)} to ${
        request.plan.ownership?.transferTo
      }`;
    case 'adopt':
      return `Adoption of the Camunda deployment ${deploymentName(request)}`;
    case 'upgrade':
      return `Upgrade of ${deploymentName(request)} to Camunda ${
        request.plan.upgrade?.to
      }`;
    default:
      return `Camunda deployment ${deploymentName(request)}`;
  }
}

function deploymentName(request: CamundaEntraRequest): string {
  return request.specProblems ? request.id : request.spec.name;
}
