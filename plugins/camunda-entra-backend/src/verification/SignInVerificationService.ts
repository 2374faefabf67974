import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  stringifyError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  camundaEntraStatusReadPermission,
  DeploymentClientKey,
  DeploymentSpec,
  SignInProblem,
  SignInVerification,
  specClients,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  ClientTokenEndpoint,
  entraSecretKey,
  EntraDirectory,
  verifySignIn,
} from '@camunda-entra/plugin-camunda-entra-node';
import { randomUUID } from 'crypto';
import { PLUGIN_ACTOR } from '../actors';
import {
  REGISTRATION_KINDS,
  RequestStore,
  StoredRequest,
} from '../database/RequestStore';
import { specOf } from '../database/storedSpec';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { recordedRegistration } from '../registrations/entityRequests';
import {
  SecretSink,
  sinkTarget,
} from '@camunda-entra/plugin-camunda-entra-node';
import { getDeploymentEntity } from '../catalog/deploymentEntity';
import { VerificationStore } from '../database/VerificationStore';

/** As long as the directory waits for a new object to replicate (DEFAULT_REPLICATION_POLICY). */
const REPLICATION_WAIT_MS = 60_000;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 8_000;
/**
 * Entra's answers to a token request for an application (AADSTS700016) or secret
 * (AADSTS7000215) only seconds old, until it has replicated.
 */
const REPLICATION_ERRORS = ['AADSTS700016', 'AADSTS7000215'];
/** Held while a verification runs; one that died frees its deployment after this. */
const RUNNING_LEASE_MS = 5 * 60_000;

/**
 * Checks, without changing anything, that a deployment's registered applications sign in as
 * its generated values configure them, and keeps the last result per deployment.
 */
export interface SignInVerificationService {
  /**
   * Verifies the deployment of a catalog entity for a caller who may read its Entra state
   * (its owners and the approvers): no approval, since it changes nothing. A ConflictError
   * while a verification of the deployment runs.
   */
  verifyEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<SignInVerification>;
  /**
   * Verifies the deployment of a request that was just provisioned, waiting out Entra's
   * replication of new applications and secrets; a failure notifies the deployment's recorded
   * owner and the requester. Never throws: the provisioning stands whatever the verification
   * says.
   */
  verifyProvisioned(request: StoredRequest): Promise<void>;
}

/**
 * Options of {@link DefaultSignInVerificationService.create}.
 */
export interface SignInVerificationServiceOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  store: RequestStore;
  verifications: VerificationStore;
  directory: Pick<EntraDirectory, 'getApplicationsByAppId'>;
  /** Where the delivered secrets are read back from, for one token request each. */
  sink: SecretSink;
  /** The token endpoint of the tenant the applications are registered in. */
  tokens: () => Promise<ClientTokenEndpoint>;
  notifier: RequestNotifier;
  logger: LoggerService;
  /** The tenant this portal registers in: an entity annotated with another answers 404. */
  portalTenantId?: string;
  /** How long a verification right after provisioning retries; tests shorten it. */
  replicationWaitMs?: number;
}

/**
 * {@link SignInVerificationService} over the node library's `verifySignIn`, with the
 * secrets the sink holds and the last results in the plugin's database.
 */
export class DefaultSignInVerificationService
  implements SignInVerificationService
{
  static create(
    options: SignInVerificationServiceOptions,
  ): DefaultSignInVerificationService {
    return new DefaultSignInVerificationService({
      replicationWaitMs: REPLICATION_WAIT_MS,
      ...options,
    });
  }

  private constructor(
    private readonly options: SignInVerificationServiceOptions & {
      replicationWaitMs: number;
    },
  ) {}

  async verifyEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<SignInVerification> {
    const { catalog, permissions, store } = this.options;
    const entity = await getDeploymentEntity(
      catalog,
      entityRef,
      credentials,
      this.options.portalTenantId,
    );
    const [decision] = await permissions.authorize(
      [
        {
          permission: camundaEntraStatusReadPermission,
          resourceRef: entity.entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not verify the sign-in of ${entity.entityRef} (permission ${camundaEntraStatusReadPermission.name})`,
      );
    }
    const { registration, spec } = await recordedRegistration(
      store,
      entity,
      'what to verify',
    );
    return this.verify(registration, spec, { waitForReplication: false });
  }

  async verifyProvisioned(request: StoredRequest): Promise<void> {
    const { store, logger, notifier } = this.options;
    try {
      const { name, tenant } = specOf(request);
      const registration = await store.findProvisioned({
        name,
        tenantId: tenant.id,
      });
      if (!registration) {
        return;
      }
      const spec = specOf(registration);
      const verification = await this.verify(registration, spec, {
        waitForReplication: true,
      });
      await store.addEvent(request.id, {
        actor: PLUGIN_ACTOR,
        comment: verification.passed
          ? `sign-in verified: ${verification.checks} checks passed`
          : `sign-in verification found ${problemCount(
              verification,
            )}; see the deployment's Microsoft Entra ID tab`,
      });
      if (!verification.passed) {
        // The owner this portal recorded, never the one the entity names.
        const record = await store.getDeployment({
          name: spec.name,
          tenantId: spec.tenant.id,
        });
        await notifier.signInFailed(registration, verification, record?.owner);
      }
    } catch (error) {
      logger.warn(
        `Could not verify the sign-in of the deployment of request ${
          request.id
        }: ${stringifyError(error)}`,
      );
    }
  }

  /** Runs one verification of the deployment, holding its lease, and records the result. */
  private async verify(
    registration: StoredRequest,
    recordedSpec: DeploymentSpec,
    options: { waitForReplication: boolean },
  ): Promise<SignInVerification> {
    const { verifications, directory } = this.options;
    const owner = randomUUID();
    if (
      !(await verifications.begin(registration, {
        owner,
        durationMs: RUNNING_LEASE_MS,
      }))
    ) {
      throw new ConflictError(
        `A sign-in verification of the deployment ${recordedSpec.name} is already running; its result shows when it ends`,
      );
    }
    try {
      const spec = {
        ...recordedSpec,
        clients: specClients(registration.clients),
      };
      const tokens = await this.options.tokens();
      const secretFor = await this.deliveredSecrets(registration, spec);
      const run = () => verifySignIn({ spec, directory, tokens, secretFor });
      const verification = options.waitForReplication
        ? await this.untilReplicated(run)
        : await run();
      await verifications.finish(registration, owner, verification);
      return verification;
    } catch (error) {
      await verifications.release(registration, owner);
      throw error;
    }
  }

  /**
   * Runs the verification again while it fails only as a registration too new for Entra to
   * have replicated does, within the directory's replication budget.
   */
  private async untilReplicated(
    run: () => Promise<SignInVerification>,
  ): Promise<SignInVerification> {
    const deadline = Date.now() + this.options.replicationWaitMs;
    let verification = await run();
    for (
      let delay = FIRST_RETRY_MS;
      !verification.passed &&
      verification.problems.some(replicating) &&
      Date.now() + delay <= deadline;
      delay = Math.min(delay * 2, MAX_RETRY_MS)
    ) {
      await sleep(delay);
      verification = await run();
    }
    return verification;
  }

  /**
   * Reads a client's secret from where the sink put it last: its newest delivery, a rotation of
   * that client or a registration that delivered one for it (an upgrade delivers only its new
   * applications' secrets, the others keep theirs), else the registration (sinks that keep one
   * place per deployment ignore which request it was).
   */
  private async deliveredSecrets(
    registration: StoredRequest,
    spec: DeploymentSpec,
  ): Promise<(client: DeploymentClientKey) => Promise<string | undefined>> {
    const { store, sink } = this.options;
    const deliveries = await store.list({
      state: 'provisioned',
      deployment: { name: spec.name, tenantId: spec.tenant.id },
    });
    return async client => {
      const key = entraSecretKey(client);
      if (!key) {
        return undefined;
      }
      const delivery =
        deliveries.find(
          request =>
            request.secrets?.[client] &&
            (request.kind === 'rotate'
              ? request.client === client
              : REGISTRATION_KINDS.includes(request.kind)),
        ) ?? registration;
      return sink.read(sinkTarget(delivery.id, spec), key);
    };
  }
}

function problemCount({ problems }: SignInVerification): string {
  return `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** A problem a new application that has not replicated yet has. */
function replicating(problem: SignInProblem): boolean {
  return (
    problem.check === 'application' ||
    REPLICATION_ERRORS.includes(problem.entraError ?? '')
  );
}
