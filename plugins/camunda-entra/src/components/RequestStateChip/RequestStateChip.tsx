import type { RequestState } from '@camunda-entra/plugin-camunda-entra-common';
import { STATE_LABELS } from '../../lib/presentation';
import { StatusChip, StatusTone } from '../StatusChip';

const STATE_TONES: Record<RequestState, StatusTone | undefined> = {
  pending: 'warning',
  approved: 'info',
  provisioning: 'info',
  provisioned: 'success',
  rejected: undefined,
  failed: 'error',
};

/** A request's state as a coloured chip. */
export const RequestStateChip = (props: { state: RequestState }) => (
  <StatusChip
    label={STATE_LABELS[props.state]}
    tone={STATE_TONES[props.state]}
  />
);
