/** A machine client as a spec names it, allowed to read process definitions. */
export const CI_MACHINE_CLIENT = {
  name: 'ci',
  authorizations: [
    {
      resourceType: 'PROCESS_DEFINITION',
      resourceId: '*',
      permissions: ['READ_PROCESS_DEFINITION'],
    },
  ],
};
