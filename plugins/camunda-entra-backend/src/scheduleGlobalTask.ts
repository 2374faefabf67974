import {
  SchedulerService,
  SchedulerServiceTaskFunction,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/**
 * A task the plugin's workers schedule: scope global, so that across backend instances one run
 * at a time touches the directory and the database rows it works on.
 */
export interface GlobalTask {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** Schedules `fn` as the global task `id` on the task's schedule. */
export async function scheduleGlobalTask(
  task: GlobalTask,
  id: string,
  fn: SchedulerServiceTaskFunction,
): Promise<void> {
  await task.scheduler.scheduleTask({
    id,
    scope: 'global',
    ...task.schedule,
    fn,
  });
}
