import type { RequestState } from '@camunda-entra/plugin-camunda-entra-common';

/** A tab of the request list; `states` undefined means every state. */
export interface StateFilter {
  id: string;
  label: string;
  states?: RequestState[];
}

export const STATE_FILTERS: StateFilter[] = [
  { id: 'pending', label: 'Pending', states: ['pending'] },
  // Approved requests are queued for provisioning; approvers care about both alike.
  {
    id: 'in-progress',
    label: 'Approved/Provisioning',
    states: ['approved', 'provisioning'],
  },
  { id: 'provisioned', label: 'Provisioned', states: ['provisioned'] },
  { id: 'rejected', label: 'Rejected', states: ['rejected'] },
  { id: 'failed', label: 'Failed', states: ['failed'] },
  { id: 'all', label: 'All' },
];

export function findStateFilter(id: string | null): StateFilter {
  return STATE_FILTERS.find(filter => filter.id === id) ?? STATE_FILTERS[0];
}

export function matchesFilter(filter: StateFilter, state: RequestState) {
  return !filter.states || filter.states.includes(state);
}
