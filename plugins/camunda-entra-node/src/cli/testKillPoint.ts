/** The variable that names where `register` kills itself; for tests only. */
export const KILL_POINT_VARIABLE = 'CAMUNDA_ENTRA_TEST_KILL_AT';

/**
 * Kills the process with SIGKILL, as a cancelled pipeline job or a dying runner would, when
 * `CAMUNDA_ENTRA_TEST_KILL_AT` names `point`: tests interrupt `register` at an exact step
 * this way. The points are `applications` (all registered, no secret yet), `accepted:<n>`
 * (Entra returned the n-th secret, not journaled yet), `journaled:<n>` and `secrets-file`
 * (every secret journaled, the file not written).
 */
export function killPoint(point: string, env: NodeJS.ProcessEnv): void {
  if (env[KILL_POINT_VARIABLE] === point) {
    process.kill(process.pid, 'SIGKILL');
  }
}
