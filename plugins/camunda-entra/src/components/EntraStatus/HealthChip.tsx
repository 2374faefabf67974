import type { EntraHealth } from '@camunda-entra/plugin-camunda-entra-common';
import { HEALTH_LABELS } from '../../lib/presentation';
import { StatusChip, StatusTone } from '../StatusChip';

const HEALTH_TONES: Record<EntraHealth, StatusTone> = {
  ok: 'success',
  warning: 'warning',
  error: 'error',
};

/** Health of a deployment or one of its applications. */
export const HealthChip = (props: { health: EntraHealth }) => (
  <StatusChip
    label={HEALTH_LABELS[props.health]}
    tone={HEALTH_TONES[props.health]}
  />
);
