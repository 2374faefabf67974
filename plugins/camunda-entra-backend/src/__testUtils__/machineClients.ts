/** A machine client for specs of tests: a job worker named payments-worker. */
export const PAYMENTS_WORKER = {
  name: 'payments-worker',
  authorizations: [
    {
      resourceType: 'PROCESS_DEFINITION',
      resourceId: '*',
      permissions: ['READ_PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE'],
    },
  ],
};
