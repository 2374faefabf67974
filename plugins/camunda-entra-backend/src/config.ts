import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  EXTERNAL_SECRET_REFRESH_INTERVAL_MS,
  readCamundaEntraApprovers,
} from '@camunda-entra/plugin-camunda-entra-node';

/**
 * A rule under which a request is approved on creation.
 */
export interface AutoApprovalRule {
  /** Entity refs of deployment owners (the recorded owner, or the one a new name records). */
  owners?: string[];
  /** Patterns where `*` matches any run of characters. */
  namespaces?: string[];
}

/**
 * The approval settings of the backend plugin.
 */
export interface ApprovalConfig {
  required: boolean;
  allowSelfApproval: boolean;
  approvers: string[];
  autoApprove: AutoApprovalRule[];
}

/**
 * Whole days before a client secret's end date at which it counts as expiring or critical.
 */
export interface SecretExpiryThresholds {
  warningDays: number;
  criticalDays: number;
}

/**
 * Settings of the status endpoint, the expiry scan and secret rotation.
 */
export interface MonitoringConfig {
  secretExpiry: SecretExpiryThresholds;
  /** How long a directory read serves status requests before Graph is asked again. */
  statusCacheTtlMs: number;
  scanSchedule: SchedulerServiceTaskScheduleDefinition;
  /** How long a rotated-out secret stays valid, so running pods can pick up the new one. */
  rotationGracePeriodMs: number;
  cleanupSchedule: SchedulerServiceTaskScheduleDefinition;
  /** The scan asks for a rotation of each client whose newest secret is older; unset, never. */
  rotationMaxAgeDays?: number;
  /** The fleet view's status cache: when every registered deployment is checked again. */
  fleetRefreshSchedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * How backend instances share provisioning work: leases on requests (and on secret removals).
 */
export interface ProvisioningConfig {
  /**
   * How long a claim lasts without renewal. A dead instance's work is taken over at most the
   * lease plus the poll interval after its last renewal.
   */
  leaseMs: number;
  /** A third of the lease, so that one late renewal does not lose it. */
  leaseRenewalMs: number;
  /** How often each instance looks for work besides the trigger on approval: free and expired claims. */
  pollIntervalMs: number;
  /** Requests one instance works on at the same time. */
  concurrency: number;
}

/**
 * Everything the backend plugin reads from `camundaEntra` (see config.d.ts).
 */
export interface CamundaEntraBackendConfig {
  approval: ApprovalConfig;
  provisioning: ProvisioningConfig;
  monitoring: MonitoringConfig;
}

// A dead instance's requests are taken over within 12 s (lease plus poll). The price: each
// request under way renews its lease every 3.3 s (one small UPDATE), and each idle instance
// looks for work every 2 s (one SELECT).
const DEFAULT_LEASE: HumanDuration = { seconds: 10 };
const DEFAULT_POLL_INTERVAL: HumanDuration = { seconds: 2 };
const DEFAULT_CONCURRENCY = 4;

// The scan and the cleanup are global tasks: the scheduler's lock on a run lasts its timeout, so
// an instance that dies mid-run holds the task up for that long at most.
const DEFAULT_FLEET_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 5 },
  // Soon after start, so deployments registered before the cache existed are listed.
  initialDelay: { minutes: 1 },
};

const DEFAULT_SCAN_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 6 },
  timeout: { minutes: 10 },
  // Not on every backend start: a restart loop would otherwise hammer Graph.
  initialDelay: { minutes: 5 },
};

const DEFAULT_CLEANUP_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 1 },
};

const DEFAULT_STATUS_CACHE_TTL: HumanDuration = { minutes: 1 };
const DEFAULT_ROTATION_GRACE_PERIOD: HumanDuration = { hours: 24 };

/**
 * Reads the backend plugin's configuration, applying the documented defaults.
 */
export function readCamundaEntraBackendConfig(
  config: Config,
): CamundaEntraBackendConfig {
  const root = config.getOptionalConfig('camundaEntra');
  const approval = root?.getOptionalConfig('approval');
  const provisioning = root?.getOptionalConfig('provisioning');
  const monitoring = root?.getOptionalConfig('monitoring');

  return {
    approval: {
      required: approval?.getOptionalBoolean('required') ?? true,
      allowSelfApproval:
        approval?.getOptionalBoolean('allowSelfApproval') ?? false,
      approvers: readCamundaEntraApprovers(config),
      autoApprove: (approval?.getOptionalConfigArray('autoApprove') ?? []).map(
        readAutoApprovalRule,
      ),
    },
    provisioning: readProvisioning(provisioning),
    monitoring: assertGraceCoversRefresh(config, readMonitoring(monitoring)),
  };
}

// Time for the pods to pick up the Kubernetes Secret once the operator has refreshed it.
const REFRESH_MARGIN_MS = 10 * 60 * 1000;

/**
 * With the Key Vault sink a rotated secret reaches the cluster only at the External Secrets
 * Operator's next refresh: an old secret removed before then would break sign-ins.
 */
function assertGraceCoversRefresh(
  config: Config,
  monitoring: MonitoringConfig,
): MonitoringConfig {
  const minimumMs = EXTERNAL_SECRET_REFRESH_INTERVAL_MS + REFRESH_MARGIN_MS;
  if (
    config.getOptionalString('camundaEntra.secretSink.type') ===
      'azureKeyVault' &&
    monitoring.rotationGracePeriodMs < minimumMs
  ) {
    throw new InputError(
      `camundaEntra.monitoring.rotation.gracePeriod must be at least ${
        minimumMs / 60_000
      } minutes with camundaEntra.secretSink.type azureKeyVault: the ExternalSecrets the portal generates refresh every ${
        EXTERNAL_SECRET_REFRESH_INTERVAL_MS / 60_000
      } minutes, and the old secret must outlive the refresh by ${
        REFRESH_MARGIN_MS / 60_000
      } minutes (see docs/monitoring.md, "Rotation grace period and the Key Vault sink")`,
    );
  }
  return monitoring;
}

function readSchedule(
  schedule: Config | undefined,
  defaults: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : defaults;
}

function readProvisioning(
  provisioning: Config | undefined,
): ProvisioningConfig {
  const leaseMs = readMilliseconds(provisioning, 'lease', DEFAULT_LEASE);
  const concurrency =
    provisioning?.getOptionalNumber('concurrency') ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InputError(
      'camundaEntra.provisioning.concurrency must be a whole number >= 1',
    );
  }
  if (leaseMs < 100) {
    // Renewed every third of it, a shorter lease would keep the database busy renewing.
    throw new InputError(
      'camundaEntra.provisioning.lease must be at least 100 milliseconds',
    );
  }
  return {
    leaseMs,
    leaseRenewalMs: Math.floor(leaseMs / 3),
    pollIntervalMs: readMilliseconds(
      provisioning,
      'pollInterval',
      DEFAULT_POLL_INTERVAL,
    ),
    concurrency,
  };
}

function readMonitoring(monitoring: Config | undefined): MonitoringConfig {
  const expiry = monitoring?.getOptionalConfig('secretExpiry');
  const warningDays = readDays(expiry, 'warningDays', 30);
  const criticalDays = readDays(expiry, 'criticalDays', 7);
  if (criticalDays >= warningDays) {
    throw new InputError(
      'camundaEntra.monitoring.secretExpiry.criticalDays must be less than warningDays',
    );
  }
  return {
    secretExpiry: { warningDays, criticalDays },
    statusCacheTtlMs: readMilliseconds(
      monitoring,
      'status.cacheTtl',
      DEFAULT_STATUS_CACHE_TTL,
    ),
    scanSchedule: readSchedule(
      monitoring?.getOptionalConfig('scan.schedule'),
      DEFAULT_SCAN_SCHEDULE,
    ),
    rotationGracePeriodMs: readMilliseconds(
      monitoring,
      'rotation.gracePeriod',
      DEFAULT_ROTATION_GRACE_PERIOD,
    ),
    cleanupSchedule: readSchedule(
      monitoring?.getOptionalConfig('rotation.cleanupSchedule'),
      DEFAULT_CLEANUP_SCHEDULE,
    ),
    rotationMaxAgeDays: readMaxAgeDays(monitoring),
    fleetRefreshSchedule: readSchedule(
      monitoring?.getOptionalConfig('fleet.schedule'),
      DEFAULT_FLEET_REFRESH_SCHEDULE,
    ),
  };
}

function readMaxAgeDays(monitoring: Config | undefined): number | undefined {
  const days = monitoring?.getOptionalNumber('rotation.maxAgeDays');
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new InputError(
      'camundaEntra.monitoring.rotation.maxAgeDays must be a whole number of days >= 1',
    );
  }
  return days;
}

function readDays(
  config: Config | undefined,
  key: string,
  defaultDays: number,
): number {
  const days = config?.getOptionalNumber(key) ?? defaultDays;
  if (!Number.isInteger(days) || days < 1) {
    throw new InputError(
      `camundaEntra.monitoring.secretExpiry.${key} must be a whole number of days >= 1`,
    );
  }
  return days;
}

function readMilliseconds(
  config: Config | undefined,
  key: string,
  defaultDuration: HumanDuration,
): number {
  return durationToMilliseconds(
    config?.has(key)
      ? readDurationFromConfig(config, { key })
      : defaultDuration,
  );
}

function readAutoApprovalRule(rule: Config): AutoApprovalRule {
  if (rule.has('environments')) {
    // Dropping the criterion silently would widen the rule to every environment.
    throw new InputError(
      'camundaEntra.approval.autoApprove rules no longer match environments: the requester names the environment, so a rule on it approved whatever anyone asked for; match owners or namespaces',
    );
  }
  const owners = rule.getOptionalStringArray('owners');
  const namespaces = rule.getOptionalStringArray('namespaces');
  if (!owners?.length && !namespaces?.length) {
    // A rule without criteria would approve everything; make that an explicit choice.
    throw new InputError(
      'camundaEntra.approval.autoApprove rules must name owners or namespaces; set approval.required: false to approve everything',
    );
  }
  return { owners, namespaces };
}
