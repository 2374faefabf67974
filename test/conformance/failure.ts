/**
 * A step of a component's sign-in that did not go as the component needs it. The harness
 * prefixes the chart line and the component: `8.9 orchestration: userinfo: 401 ...`.
 */
export class StepFailure extends Error {
  constructor(readonly step: string, readonly detail: string) {
    super(`${step}: ${detail}`);
    this.name = 'StepFailure';
  }
}

/** Runs one step, turning anything it throws into a failure of that step. */
export async function inStep<T>(name: string, run: () => T | Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StepFailure) {
      throw error;
    }
    throw new StepFailure(name, String((error as Error)?.message ?? error));
  }
}
