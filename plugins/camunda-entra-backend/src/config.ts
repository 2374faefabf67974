import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * A rule under which a request is approved on creation.
 *
 * @public
 */
export interface AutoApprovalRule {
  environments?: string[];
  /** Patterns where `*` matches any run of characters. */
  namespaces?: string[];
}

/**
 * The approval settings of the backend plugin.
 *
 * @public
 */
export interface ApprovalConfig {
  required: boolean;
  allowSelfApproval: boolean;
  approvers: string[];
  autoApprove: AutoApprovalRule[];
}

/**
 * Which secret sink provisioning writes to.
 *
 * @public
 */
export type SecretSinkConfig =
  | { type: 'local'; directory?: string }
  | { type: 'kubernetes'; context?: string };

/**
 * Everything the backend plugin reads from `camundaEntra` (see config.d.ts).
 *
 * @public
 */
export interface CamundaEntraBackendConfig {
  approval: ApprovalConfig;
  secretSink: SecretSinkConfig;
  provisioningSchedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 10 },
};

/**
 * Reads the backend plugin's configuration, applying the documented defaults.
 *
 * @public
 */
export function readCamundaEntraBackendConfig(
  config: Config,
): CamundaEntraBackendConfig {
  const root = config.getOptionalConfig('camundaEntra');
  const approval = root?.getOptionalConfig('approval');
  const sink = root?.getOptionalConfig('secretSink');
  const schedule = root?.getOptionalConfig('provisioning.schedule');

  return {
    approval: {
      required: approval?.getOptionalBoolean('required') ?? true,
      allowSelfApproval:
        approval?.getOptionalBoolean('allowSelfApproval') ?? false,
      approvers: approval?.getOptionalStringArray('approvers') ?? [],
      autoApprove: (approval?.getOptionalConfigArray('autoApprove') ?? []).map(
        readAutoApprovalRule,
      ),
    },
    secretSink: readSecretSink(sink),
    provisioningSchedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
  };
}

function readAutoApprovalRule(rule: Config): AutoApprovalRule {
  const environments = rule.getOptionalStringArray('environments');
  const namespaces = rule.getOptionalStringArray('namespaces');
  if (!environments?.length && !namespaces?.length) {
    // A rule without criteria would approve everything; make that an explicit choice.
    throw new InputError(
      'camundaEntra.approval.autoApprove rules must name environments or namespaces; set approval.required: false to approve everything',
    );
  }
  return { environments, namespaces };
}

function readSecretSink(sink: Config | undefined): SecretSinkConfig {
  const type = sink?.getOptionalString('type') ?? 'local';
  if (type === 'local') {
    return {
      type,
      directory: sink?.getOptionalString('local.directory'),
    };
  }
  if (type === 'kubernetes') {
    return {
      type,
      context: sink?.getOptionalString('kubernetes.context'),
    };
  }
  throw new InputError(
    `camundaEntra.secretSink.type must be local or kubernetes, not ${type}`,
  );
}
