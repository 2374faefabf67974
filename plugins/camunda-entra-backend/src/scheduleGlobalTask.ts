import {
  SchedulerService,
  SchedulerServiceTaskFunction,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { withAbortSignal } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * A task the plugin's workers schedule: scope global, so that across backend instances one run
 * at a time touches the directory and the database rows it works on. The scheduler's lock on a
 * run lasts the task's timeout, so keep that short: it is how long an instance that died mid-run
 * holds the task up.
 */
export interface GlobalTask {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * Schedules `fn` as the global task `id` on the task's schedule. At the timeout the run's Graph
 * calls stop retrying (withAbortSignal), so it cannot go on beside the next run for long.
 */
export async function scheduleGlobalTask(
  task: GlobalTask,
  id: string,
  fn: SchedulerServiceTaskFunction,
): Promise<void> {
  await task.scheduler.scheduleTask({
    id,
    scope: 'global',
    ...task.schedule,
    fn: signal => withAbortSignal(signal, () => fn(signal)),
  });
}
