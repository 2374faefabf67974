import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  camundaEntraRequestApprovePermission,
  camundaEntraSecretRotatePermission,
  CamundaEntraRequest,
  DeploymentSpecInput,
  RequestKind,
  RequestState,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { randomUUID } from 'crypto';
import { PLUGIN_ACTOR } from '../actors';
import { ApprovalConfig } from '../config';
import { NewRequestEvent, RequestStore, StoredRequest } from '../database';
import { RequestNotifier } from '../notifications';
import { RequestReadAccess } from '../permissions';
import { planRotation } from './planRotation';
import { SecretSink } from '../sinks';
import { sinkTarget } from '../sinks/sinkTarget';
import {
  DeploymentEntity,
  getDeploymentEntity,
  MonitoringDirectory,
} from '../status';
import { autoApprovalReason } from './autoApproval';
import { buildRequestPlan } from './plan';
import { EntityRequestPlan } from './entityRequests';
import { planRepair } from './planRepair';
import { assertPortalTenant } from './portalTenant';
import { assertRegistrationOwner, findRegistration } from './registrationOwner';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * The tenant a spec without `tenant` is registered in: the directory's own.
 *
 * @public
 */
export type DefaultTenant = DeploymentSpecInput['tenant'];

/**
 * A new provisioning request as the REST API receives it, already shape-checked.
 *
 * @public
 */
export interface CreateRequestOptions {
  spec: Record<string, unknown>;
  entityRef?: string;
  environment?: string;
}

type RequestServiceOptions = {
  store: RequestStore;
  sink: SecretSink;
  notifier: RequestNotifier;
  permissions: PermissionsService;
  /** Who may read which request. */
  access: RequestReadAccess;
  /** Rotations and repairs read the deployment's entity with the requester's credentials. */
  catalog: CatalogService;
  /** Repairs read the applications' current state to plan what they undo. */
  directory: MonitoringDirectory;
  approval: ApprovalConfig;
  /** Called when a request becomes approved, to start provisioning without waiting. */
  onApproved: () => void;
  defaultTenant?: DefaultTenant;
};

/**
 * The request life cycle behind the REST API: creation with plan and auto-approval (of
 * registrations, secret rotations and repairs), permission-guarded decisions, and retries.
 *
 * @public
 */
export class RequestService {
  static create(options: RequestServiceOptions): RequestService {
    return new RequestService(options);
  }

  private constructor(private readonly options: RequestServiceOptions) {}

  /** The requests the caller may read, newest first. */
  async list(
    filter: { state?: RequestState; kind?: RequestKind },
    credentials: BackstageCredentials,
  ): Promise<CamundaEntraRequest[]> {
    const requests = await this.options.store.list(filter);
    return (await this.options.access.filter(requests, credentials)).map(
      toPublic,
    );
  }

  /** A request the caller may read; one they may not is as absent as a missing one. */
  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CamundaEntraRequest> {
    const request = await this.getStored(id);
    const [readable] = await this.options.access.filter([request], credentials);
    if (!readable) {
      throw new NotFoundError(`No request ${id}`);
    }
    return toPublic(readable);
  }

  async create(
    input: CreateRequestOptions,
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    const requester = credentials.principal.userEntityRef;
    const submitted = {
      ...input.spec,
      tenant: input.spec.tenant ?? this.options.defaultTenant,
    };
    const result = validateDeploymentSpec(submitted);
    if (!result.valid) {
      throw new InputError(
        `Invalid deployment spec: ${result.problems
          .map(problem => `${problem.field || '(spec)'}: ${problem.message}`)
          .join('; ')}`,
      );
    }
    if (this.options.defaultTenant) {
      assertPortalTenant(result.spec.tenant, this.options.defaultTenant);
    }
    if (input.entityRef) {
      assertEntityRef(input.entityRef);
    }
    const { spec } = result;
    const id = randomUUID();
    const target = sinkTarget(id, spec);
    this.options.sink.checkTarget(target);
    const registration = await findRegistration(this.options.store, spec);
    assertRegistrationOwner(registration, {
      deployment: spec.name,
      entityRef: input.entityRef,
      namespace: spec.namespace,
    });
    const plan = buildRequestPlan(
      spec,
      this.options.sink.describe(target, 'write'),
      registration,
    );
    const events: NewRequestEvent[] = [
      { state: 'pending', actor: requester, comment: 'requested' },
    ];
    const approvedBecause = autoApprovalReason(this.options.approval, {
      environment: input.environment,
      namespace: spec.namespace,
      changesRegistration: registration.kind === 'existing',
    });
    if (approvedBecause) {
      events.push({
        state: 'approved',
        actor: PLUGIN_ACTOR,
        comment: approvedBecause,
      });
    }

    const request = await this.options.store.create({
      id,
      kind: 'provision',
      spec: submitted,
      plan,
      requester,
      entityRef: input.entityRef,
      environment: input.environment,
      events,
    });
    await this.submitted(request);
    return toPublic(request);
  }

  /**
   * Asks for a new secret for one of a deployment's clients. The requester needs the rotate
   * permission and must be able to read the entity; then the request waits for approval
   * (or is auto-approved) like a registration.
   */
  async createRotation(
    input: { entityRef: string; client: string },
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    return this.createForEntity(input.entityRef, credentials, {
      kind: 'rotate',
      client: input.client,
      refusal: 'rotate the secrets of',
      comment: `rotate the ${input.client} client secret`,
      plan: (entity, requestId) =>
        planRotation({
          store: this.options.store,
          sink: this.options.sink,
          entity,
          client: input.client,
          requestId,
        }),
    });
  }

  /**
   * Asks to register a deployment's drifted applications again as recorded, undoing changes
   * made outside the portal; secrets are not touched. Guarded like a rotation (the rotate
   * permission on the entity), and like every change of a registration never auto-approved
   * by a rule.
   */
  async createRepair(
    input: { entityRef: string },
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    return this.createForEntity(input.entityRef, credentials, {
      kind: 'repair',
      refusal: 'repair the Entra applications of',
      comment: 'repair the drifted applications',
      plan: entity =>
        planRepair({
          store: this.options.store,
          directory: this.options.directory,
          entity,
        }),
    });
  }

  /** A rotation or repair: a request about a deployment's entity and its recorded applications. */
  private async createForEntity(
    entityRef: string,
    credentials: UserCredentials,
    request: {
      kind: 'rotate' | 'repair';
      client?: string;
      refusal: string;
      comment: string;
      plan: (
        entity: DeploymentEntity,
        requestId: string,
      ) => Promise<EntityRequestPlan>;
    },
  ): Promise<CamundaEntraRequest> {
    const { store } = this.options;
    const entity = await getDeploymentEntity(
      this.options.catalog,
      entityRef,
      credentials,
    );
    await this.authorize(
      {
        permission: camundaEntraSecretRotatePermission,
        resourceRef: entity.entityRef,
      },
      credentials,
      `You may not ${request.refusal} ${entity.entityRef}`,
    );
    const id = randomUUID();
    const planned = await request.plan(entity, id);
    const requester = credentials.principal.userEntityRef;
    await store.create({
      id,
      kind: request.kind,
      spec: planned.spec,
      plan: planned.plan,
      requester,
      entityRef: entity.entityRef,
      environment: planned.environment,
      client: request.client,
      events: [
        { state: 'pending', actor: requester, comment: request.comment },
      ],
    });
    await store.recordApplications(id, {
      clients: planned.clients,
      objectIds: planned.objectIds,
    });
    // Approved only once the applications are recorded: the worker needs them.
    const approvedBecause = autoApprovalReason(this.options.approval, {
      environment: planned.environment,
      namespace: planned.spec.namespace,
      changesRegistration: true,
    });
    const stored = approvedBecause
      ? await store.transition(id, {
          from: ['pending'],
          to: 'approved',
          actor: PLUGIN_ACTOR,
          comment: approvedBecause,
        })
      : await this.getStored(id);
    await this.submitted(stored);
    return toPublic(stored);
  }

  async approve(
    id: string,
    input: { comment?: string },
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    await this.assertApprover(credentials);
    const request = await this.getStored(id);
    const actor = credentials.principal.userEntityRef;
    if (
      request.requester === actor &&
      !this.options.approval.allowSelfApproval
    ) {
      throw new NotAllowedError(
        'You cannot approve your own request (camundaEntra.approval.allowSelfApproval is false)',
      );
    }
    const approved = await this.options.store.transition(id, {
      from: ['pending'],
      to: 'approved',
      actor,
      comment: input.comment,
    });
    this.options.onApproved();
    await this.options.notifier.decided(approved);
    return toPublic(approved);
  }

  async reject(
    id: string,
    input: { comment: string },
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    const comment = input.comment.trim();
    if (!comment) {
      throw new InputError('A rejection needs a comment for the requester');
    }
    await this.assertApprover(credentials);
    const rejected = await this.options.store.transition(id, {
      from: ['pending'],
      to: 'rejected',
      actor: credentials.principal.userEntityRef,
      comment,
    });
    await this.options.notifier.decided(rejected);
    return toPublic(rejected);
  }

  async retry(
    id: string,
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    const request = await this.getStored(id);
    const actor = credentials.principal.userEntityRef;
    // Requesters may retry their own failed requests: approval already happened.
    if (request.requester !== actor) {
      await this.assertApprover(credentials);
    }
    const retried = await this.options.store.transition(id, {
      from: ['failed'],
      to: 'approved',
      actor,
      comment: 'retry',
    });
    this.options.onApproved();
    return toPublic(retried);
  }

  private async getStored(id: string): Promise<StoredRequest> {
    const request = await this.options.store.get(id);
    if (!request) {
      throw new NotFoundError(`No request ${id}`);
    }
    return request;
  }

  /** Starts provisioning of an approved new request, or tells the approvers about it. */
  private async submitted(request: StoredRequest): Promise<void> {
    if (request.state === 'approved') {
      this.options.onApproved();
    } else {
      await this.options.notifier.awaitingApproval(request);
    }
  }

  private async assertApprover(credentials: UserCredentials): Promise<void> {
    await this.authorize(
      { permission: camundaEntraRequestApprovePermission },
      credentials,
      'You may not decide on requests',
    );
  }

  private async authorize(
    request: AuthorizePermissionRequest,
    credentials: UserCredentials,
    refusal: string,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize([request], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${refusal} (permission ${request.permission.name})`,
      );
    }
  }
}

function toPublic(request: StoredRequest): CamundaEntraRequest {
  const { objectIds: _objectIds, ...rest } = request;
  return rest;
}

function assertEntityRef(ref: string) {
  try {
    parseEntityRef(ref);
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
}
