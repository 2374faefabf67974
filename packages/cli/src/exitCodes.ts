/** Exit codes of `camunda-entra register` and `camunda-entra values`. */
export const ExitCode = {
  success: 0,
  badInput: 1,
  /** Registration, generation or writing failed. */
  failed: 2,
} as const;

/**
 * Exit codes of `camunda-entra verify`: 1 always means "not verified", so that a pipeline can
 * tell a tenant that fails the checks from a command line that never ran them.
 */
export const VerifyExitCode = {
  verified: 0,
  notVerified: 1,
  badInput: 2,
} as const;
