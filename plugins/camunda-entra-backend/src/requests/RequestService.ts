import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  camundaEntraRequestApprovePermission,
  camundaEntraSecretRotatePermission,
  CamundaEntraRequest,
  ChartLine,
  DeploymentSpec,
  DeploymentTenantInput,
  RequestKind,
  RequestState,
  validateDeploymentSpec,
  formatSpecProblems,
} from '@camunda-entra/plugin-camunda-entra-common';
import { randomUUID } from 'crypto';
import { PLUGIN_ACTOR } from '../actors';
import { ApprovalConfig } from '../config';
import {
  DeploymentRecord,
  NewRequestEvent,
  REGISTRATION_KINDS,
  RequestStore,
  StoredRequest,
} from '../database/RequestStore';
import { heldByAnother } from '../database/deploymentRecords';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { RequestOutcomes } from '../metrics/RequestOutcomes';
import { DeploymentAccess } from '../permissions/DeploymentAccess';
import { RequestReadAccess } from '../permissions/RequestReadAccess';
import { planRotation } from '../rotation/planRotation';
import {
  SecretSink,
  sinkTarget,
  UpgradeInput,
} from '@camunda-entra/plugin-camunda-entra-node';
import { specOf } from '../database/storedSpec';
import {
  DeploymentEntity,
  getDeploymentEntity,
} from '../catalog/deploymentEntity';
import { MonitoringDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import { autoApprovalReason } from './autoApproval';
import { buildRequestPlan } from '../provisioning/requestPlan';
import { EntityRequestPlan } from '../registrations/entityRequests';
import { planRepair } from '../repair/planRepair';
import {
  currentEntityOwner,
  isMember,
  ownerRef,
  planOwnership,
  Requester,
} from '../catalog/ownership';
import { planTransfer } from '../transfer/planTransfer';
import { planAdoption } from '../adoption/planAdoption';
import { planUpgradeRequest } from '../upgrade/planUpgradeRequest';
import { Upgrader } from '../upgrade/Upgrader';
import { assertPortalTenant } from './portalTenant';
import {
  assertRegistrationOwner,
  findRegistration,
} from '../registrations/registrationOwner';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * The tenant a spec without `tenant` is registered in: the directory's own.
 */
export type DefaultTenant = DeploymentTenantInput | undefined;

/**
 * A new provisioning request as the REST API receives it, already shape-checked.
 */
export interface CreateRequestOptions {
  spec: Record<string, unknown>;
  entityRef?: string;
  environment?: string;
  /** For a new name whose entity does not exist yet: the owner to record (see CreateRequestInput). */
  owner?: string;
}

/** What a rotation, repair, transfer or upgrade asks for, and how it is planned. */
type EntityRequest = {
  kind: 'rotate' | 'repair' | 'transfer' | 'upgrade';
  /** Decided by an approver even where a rule or camundaEntra.approval.required would not ask one. */
  approverDecides?: boolean;
  client?: string;
  comment: string;
  transferTo?: string;
  plan: (
    entity: DeploymentEntity,
    requestId: string,
    record: DeploymentRecord | undefined,
  ) => Promise<EntityRequestPlan>;
};

type RequestServiceOptions = {
  store: RequestStore;
  sink: SecretSink;
  notifier: RequestNotifier;
  /** Counts the requests that settle here (rejected). */
  outcomes?: RequestOutcomes;
  permissions: PermissionsService;
  /** Who may read which request. */
  access: RequestReadAccess;
  /** Who may change a deployment: its recorded owner and approvers. */
  deployments: DeploymentAccess;
  /** The requester's groups, for the plan's word on ownership and the owner they may name. */
  userInfo: UserInfoService;
  /** Reads entities' owners with the plugin's own credentials. */
  auth: AuthService;
  /**
   * Rotations, repairs and transfers read the deployment's entity with the requester's
   * credentials; a new name's owner is its entity's, when it exists.
   */
  catalog: CatalogService;
  /** Repairs read the applications' current state to plan what they undo. */
  directory: MonitoringDirectory;
  /** Finishes upgrades when their owner says the new line runs. */
  upgrader: Upgrader;
  approval: ApprovalConfig;
  /** Called when a request becomes approved, to start provisioning without waiting. */
  onApproved: () => void;
  defaultTenant?: DefaultTenant;
};

/**
 * The request life cycle behind the REST API: creation with plan and auto-approval (of
 * registrations, secret rotations and repairs), permission-guarded decisions, and retries.
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

  /**
   * A provisioning request. A new name is reserved for it in the same transaction that stores
   * it, with the owner its registration records; a registered name may be provisioned again
   * by its recorded owner's members and approvers only, for the same entity and namespace.
   */
  async create(
    input: CreateRequestOptions,
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    const { store } = this.options;
    const { id, spec } = this.parseRequest(input);
    const requester = await this.requester(credentials);
    const record = await store.getDeployment({
      name: spec.name,
      tenantId: spec.tenant.id,
    });
    const registration = await findRegistration(store, spec);
    if (record) {
      await this.assertMayProvisionAgain(record, input, spec, credentials);
      await assertNotAdopted(store, spec);
    }
    const reserve = record
      ? undefined
      : { owner: await this.firstOwner(input, requester) };
    const owner = record ? record.owner : reserve?.owner;
    const plan = {
      ...buildRequestPlan(
        spec,
        this.options.sink.describe(sinkTarget(id, spec), 'write'),
        registration,
      ),
      ownership: planOwnership(owner, requester),
    };
    const events: NewRequestEvent[] = [
      { state: 'pending', actor: requester.ref, comment: 'requested' },
    ];
    const approvedBecause = autoApprovalReason(this.options.approval, {
      owner: owner ?? '',
      namespace: spec.namespace,
      changesRegistration: !!record,
    });
    if (approvedBecause) {
      events.push({
        state: 'approved',
        actor: PLUGIN_ACTOR,
        comment: approvedBecause,
      });
    }

    const request = await store.create({
      id,
      kind: 'provision',
      spec,
      plan,
      requester: requester.ref,
      entityRef: input.entityRef,
      environment: input.environment,
      events,
      reserve,
    });
    await this.submitted(request);
    return toPublic(request);
  }

  /**
   * Asks to record a deployment whose applications were registered by hand, named by client ID
   * under the spec's `clients`, as this portal's registration, changing nothing in the
   * directory. Its name must be new to this portal, and is reserved as a first provisioning's
   * is, with the owner its registration records; approval and auto-approval as for one.
   */
  async createAdoption(
    input: CreateRequestOptions,
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    const { store } = this.options;
    const { id, spec } = this.parseRequest(input);
    const record = await store.getDeployment({
      name: spec.name,
      tenantId: spec.tenant.id,
    });
    if (record) {
      throw record.registered
        ? new ConflictError(
            `The deployment name ${spec.name} is registered in this portal already (request ${record.requestId}); an adoption records a deployment the portal does not know yet`,
          )
        : heldByAnother(record);
    }
    const requester = await this.requester(credentials);
    const owner = await this.firstOwner(input, requester);
    const adoption = await planAdoption({
      store,
      directory: this.options.directory,
      spec,
    });
    await store.create({
      id,
      kind: 'adopt',
      spec,
      plan: {
        ...adoption.plan,
        ownership: planOwnership(owner, requester),
      },
      requester: requester.ref,
      entityRef: input.entityRef,
      environment: input.environment,
      events: [
        {
          state: 'pending',
          actor: requester.ref,
          comment: 'adopt the applications registered by hand',
        },
      ],
      reserve: { owner },
    });
    await store.recordApplications(id, {
      clients: adoption.clients,
      objectIds: adoption.objectIds,
    });
    return this.approveIfRuled(id, { owner, namespace: spec.namespace });
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

  /**
   * Asks to move a deployment to another owner, who then holds its status, rotation and repair
   * rights. For the recorded owner's members and approvers (the rotate permission on the
   * deployment); waits for approval like every change of a registration, and changes nothing
   * in the directory.
   */
  async createTransfer(
    input: { entityRef: string; owner: string },
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    const transferTo = ownerRef(input.owner);
    return this.createForEntity(input.entityRef, credentials, {
      kind: 'transfer',
      refusal: 'transfer',
      comment: `transfer the deployment to ${transferTo}`,
      transferTo,
      plan: (entity, _requestId, record) =>
        planTransfer({
          store: this.options.store,
          entity,
          record,
          transferTo,
        }),
    });
  }

  /**
   * Asks to upgrade a deployment to the next Camunda line, planned by planUpgrade from its
   * registration; `input` carries what the target line needs that the spec cannot say (400
   * naming the field when missing). For the recorded owner's members and approvers, and always
   * decided by an approver: approval registers the new line's applications beside the old
   * line's, which stay until {@link RequestService.finishUpgrade}.
   */
  async createUpgrade(
    input: { entityRef: string; chart: ChartLine; with?: UpgradeInput },
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    return this.createForEntity(input.entityRef, credentials, {
      kind: 'upgrade',
      approverDecides: true,
      refusal: 'upgrade',
      comment: `upgrade to Camunda ${input.chart}`,
      plan: (entity, requestId) =>
        planUpgradeRequest({
          store: this.options.store,
          sink: this.options.sink,
          entity,
          to: input.chart,
          input: input.with ?? {},
          requestId,
        }),
    });
  }

  /**
   * Finishes an applied upgrade once the new line runs: removes the applications and redirect
   * URIs only the old line used. For the deployment's recorded owner's members and approvers;
   * a finished upgrade is returned as it is.
   */
  async finishUpgrade(
    id: string,
    credentials: UserCredentials,
  ): Promise<CamundaEntraRequest> {
    const request = await this.getStored(id);
    if (request.kind !== 'upgrade') {
      throw new InputError(
        `Request ${id} is a ${request.kind} request; only upgrades are finished`,
      );
    }
    const spec = specOf(request);
    const record = await this.options.store.getDeployment({
      name: spec.name,
      tenantId: spec.tenant.id,
    });
    if (!record) {
      throw new NotFoundError(`No registration of ${spec.name}`);
    }
    await this.assertMayChange(
      record,
      credentials,
      `You may not finish the upgrade of ${spec.name}`,
    );
    return toPublic(
      await this.options.upgrader.finish(
        request,
        credentials.principal.userEntityRef,
      ),
    );
  }

  /**
   * Asks, as the plugin, for a rotation of a client whose newest secret is older than
   * camundaEntra.monitoring.rotation.maxAgeDays (the expiry scan finds them), on behalf of the
   * deployment's recorded owner. Decided like every rotation: by an approver, or on creation
   * when approval is not required. A ConflictError when one is open for the client already.
   */
  async createAgedRotation(input: {
    entity: DeploymentEntity;
    client: string;
    ageDays: number;
    maxAgeDays: number;
  }): Promise<CamundaEntraRequest> {
    const { entity, client } = input;
    const record = await this.options.store.getDeploymentOfEntity(
      entity.entityRef,
    );
    return this.storeEntityRequest(
      entity,
      record,
      {
        ref: PLUGIN_ACTOR,
        claims: record?.owner ? [record.owner] : [],
        approver: false,
      },
      {
        kind: 'rotate',
        client,
        comment: `rotate the ${client} client secret: its newest secret is ${input.ageDays} days old, camundaEntra.monitoring.rotation.maxAgeDays is ${input.maxAgeDays}`,
        plan: (_entity, requestId) =>
          planRotation({
            store: this.options.store,
            sink: this.options.sink,
            entity,
            client,
            requestId,
          }),
      },
    );
  }

  /**
   * A rotation, repair or transfer: a request about a deployment's entity and its recorded
   * applications, decided by the deployment's recorded owner.
   */
  private async createForEntity(
    entityRef: string,
    credentials: UserCredentials,
    request: EntityRequest & { refusal: string },
  ): Promise<CamundaEntraRequest> {
    const entity = await getDeploymentEntity(
      this.options.catalog,
      entityRef,
      credentials,
      this.options.defaultTenant?.id,
    );
    await this.options.deployments.assertAllowed(
      camundaEntraSecretRotatePermission,
      entity.entityRef,
      credentials,
      `You may not ${request.refusal} ${entity.entityRef}`,
    );
    const record = await this.options.store.getDeploymentOfEntity(
      entity.entityRef,
    );
    return this.storeEntityRequest(
      entity,
      record,
      await this.requester(credentials),
      request,
    );
  }

  /** Plans and stores a request about a deployment's entity, then approves it if a rule says so. */
  private async storeEntityRequest(
    entity: DeploymentEntity,
    record: DeploymentRecord | undefined,
    requester: Requester,
    request: EntityRequest,
  ): Promise<CamundaEntraRequest> {
    const { store } = this.options;
    const id = randomUUID();
    const planned = await request.plan(entity, id, record);
    await store.create({
      id,
      kind: request.kind,
      spec: planned.spec,
      plan: {
        ...planned.plan,
        ownership: planOwnership(record?.owner, requester, request.transferTo),
      },
      requester: requester.ref,
      entityRef: entity.entityRef,
      environment: planned.environment,
      client: request.client,
      events: [
        { state: 'pending', actor: requester.ref, comment: request.comment },
      ],
    });
    await store.recordApplications(id, {
      clients: planned.clients,
      objectIds: planned.objectIds,
    });
    if (request.approverDecides) {
      const stored = await this.getStored(id);
      await this.submitted(stored);
      return toPublic(stored);
    }
    return this.approveIfRuled(id, {
      owner: record?.owner ?? '',
      namespace: planned.spec.namespace,
      changesRegistration: true,
    });
  }

  /**
   * Approves a pending request when a rule says so (only once its applications are recorded:
   * the worker needs them), then starts it or tells the approvers about it.
   */
  private async approveIfRuled(
    id: string,
    request: Parameters<typeof autoApprovalReason>[1],
  ): Promise<CamundaEntraRequest> {
    const approvedBecause = autoApprovalReason(this.options.approval, request);
    const stored = approvedBecause
      ? await this.options.store.transition(id, {
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
    await this.assertOwnerUnchanged(request);
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
    this.options.outcomes?.settled(rejected);
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
    // A first provisioning that failed before registering anything released its name.
    const reserves =
      REGISTRATION_KINDS.includes(request.kind) &&
      request.plan.registration?.kind !== 'existing';
    const retried = await this.options.store.transition(id, {
      from: ['failed'],
      to: 'approved',
      actor,
      comment: 'retry',
      ...(reserves && {
        reserve: { owner: request.plan.ownership?.owner ?? request.requester },
      }),
    });
    this.options.onApproved();
    return toPublic(retried);
  }

  /**
   * The request's spec, validated and normalised (defaults applied) as it is stored, so
   * whatever reads the request reads this spec; its ID, whose sink target the sink accepts.
   */
  private parseRequest(input: CreateRequestOptions): {
    id: string;
    spec: DeploymentSpec;
  } {
    const result = validateDeploymentSpec({
      ...input.spec,
      tenant: input.spec.tenant ?? this.options.defaultTenant,
    });
    if (!result.valid) {
      throw new InputError(
        `Invalid deployment spec: ${formatSpecProblems(result.problems)}`,
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
    this.options.sink.checkTarget(sinkTarget(id, spec));
    return { id, spec };
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

  /** The requester with the groups they own through, and whether they approve requests. */
  private async requester(credentials: UserCredentials): Promise<Requester> {
    const [info, [decision]] = await Promise.all([
      this.options.userInfo.getUserInfo(credentials),
      this.options.permissions.authorize(
        [{ permission: camundaEntraRequestApprovePermission }],
        { credentials },
      ),
    ]);
    return {
      ref: credentials.principal.userEntityRef,
      claims: info.ownershipEntityRefs,
      approver: decision.result === AuthorizeResult.ALLOW,
    };
  }

  /**
   * The owner a new name's registration records: its catalog entity's owner when the entity
   * exists; else the owner the requester names, who must be a member of it (approvers may name
   * any); else the requester.
   */
  private async firstOwner(
    input: CreateRequestOptions,
    requester: Requester,
  ): Promise<string> {
    const named = input.owner && ownerRef(input.owner);
    const ofEntity =
      input.entityRef &&
      (await currentEntityOwner(
        this.options.catalog,
        this.options.auth,
        input.entityRef,
      ));
    if (ofEntity) {
      if (named && named.toLowerCase() !== ofEntity.toLowerCase()) {
        throw new InputError(
          `owner: ${input.entityRef} is owned by ${ofEntity} in the catalog, and a deployment's owner is its entity's`,
        );
      }
      return ofEntity;
    }
    if (named) {
      if (!requester.approver && !isMember(requester, named)) {
        throw new NotAllowedError(
          `owner: you are not a member of ${named}; name a group you belong to`,
        );
      }
      return named;
    }
    return requester.ref;
  }

  /**
   * A name another request reserved is refused (409 naming it); a registered one is provisioned
   * again only for its entity and namespace, by its recorded owner's members and approvers.
   */
  private async assertMayProvisionAgain(
    record: DeploymentRecord,
    input: CreateRequestOptions,
    spec: { name: string; namespace: string },
    credentials: UserCredentials,
  ): Promise<void> {
    if (!record.registered) {
      throw heldByAnother(record);
    }
    assertRegistrationOwner(record, {
      deployment: spec.name,
      entityRef: input.entityRef,
      namespace: spec.namespace,
    });
    await this.assertMayChange(
      record,
      credentials,
      `You may not provision ${spec.name} again`,
    );
    const named = input.owner && ownerRef(input.owner);
    if (named && named.toLowerCase() !== record.owner?.toLowerCase()) {
      throw new InputError(
        `owner: ${spec.name} is owned by ${
          record.owner ?? 'nobody recorded'
        }; a transfer request changes its owner`,
      );
    }
  }

  /**
   * A request that changes a registered deployment is for its recorded owner's members and
   * approvers; refused (naming the owner) when made by anyone else.
   */
  private async assertMayChange(
    record: DeploymentRecord,
    credentials: UserCredentials,
    refusal: string,
  ): Promise<void> {
    if (record.entityRef) {
      await this.options.deployments.assertAllowed(
        camundaEntraSecretRotatePermission,
        record.entityRef,
        credentials,
        refusal,
      );
      return;
    }
    await this.authorize(
      { permission: camundaEntraRequestApprovePermission },
      credentials,
      `${refusal}: it was requested without catalog entity, so only approvers may`,
    );
  }

  /**
   * The owner a first provisioning records is its entity's at approval: when the entity's
   * owner changed since the request was made, the approver would record another owner than the
   * plan shows, so approval is refused.
   */
  private async assertOwnerUnchanged(request: StoredRequest): Promise<void> {
    const planned = request.plan.ownership?.owner;
    if (
      !REGISTRATION_KINDS.includes(request.kind) ||
      request.plan.registration?.kind === 'existing' ||
      !request.entityRef ||
      !planned
    ) {
      return;
    }
    const now = await currentEntityOwner(
      this.options.catalog,
      this.options.auth,
      request.entityRef,
    );
    if (now && now.toLowerCase() !== planned.toLowerCase()) {
      throw new ConflictError(
        `${request.entityRef} is owned by ${now} in the catalog now, but this request records ${planned} as the deployment's owner; reject it and ask again`,
      );
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

/**
 * Refuses to provision an adopted deployment again: registration finds applications by the
 * uniqueName the portal gives them, which applications registered by hand lack, so it would
 * make a second set beside them.
 */
async function assertNotAdopted(
  store: RequestStore,
  spec: Pick<DeploymentSpec, 'name' | 'tenant'>,
): Promise<void> {
  const registration = await store.findProvisioned({
    name: spec.name,
    tenantId: spec.tenant.id,
  });
  if (registration?.kind === 'adopt') {
    throw new ConflictError(
      `${spec.name} was adopted (request ${registration.id}): its applications were registered by hand, and provisioning would register new ones beside them; change them by hand, rotate their secrets or transfer the deployment through the portal`,
    );
  }
}

function assertEntityRef(ref: string) {
  try {
    parseEntityRef(ref);
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
}
