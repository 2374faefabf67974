/**
 * One authorization of a machine client preset: permissions on every resource of a type.
 *
 * @public
 */
export interface MachineClientPresetGrant {
  resourceType: string;
  resourceId: '*';
  permissions: readonly string[];
}

const onEvery = (
  resourceType: string,
  ...permissions: string[]
): MachineClientPresetGrant[] => [
  { resourceType, resourceId: '*', permissions },
];

/**
 * What a machine client may do, as the template offers it: a few common jobs instead of
 * Camunda's full authorization model. Every permission exists on chart lines 8.8 and 8.9.
 *
 * @public
 */
export const MACHINE_CLIENT_PRESETS = {
  /** Start instances of any process, e.g. from an application or a script. */
  'start-processes': onEvery(
    'PROCESS_DEFINITION',
    'READ_PROCESS_DEFINITION',
    'CREATE_PROCESS_INSTANCE',
  ),
  /** Activate and complete jobs: a job worker. */
  'job-worker': onEvery(
    'PROCESS_DEFINITION',
    'READ_PROCESS_DEFINITION',
    'UPDATE_PROCESS_INSTANCE',
  ),
  /** Deploy BPMN, DMN and forms, e.g. from a CI/CD pipeline. */
  deploy: onEvery('RESOURCE', 'CREATE', 'READ'),
  /** Read process definitions and instances, e.g. for monitoring. */
  'read-only': onEvery(
    'PROCESS_DEFINITION',
    'READ_PROCESS_DEFINITION',
    'READ_PROCESS_INSTANCE',
  ),
};

/**
 * A preset of {@link MACHINE_CLIENT_PRESETS}.
 *
 * @public
 */
export type MachineClientPreset = keyof typeof MACHINE_CLIENT_PRESETS;

/**
 * The authorizations of the chosen presets, one per resource with the permissions of every
 * preset on it. An unknown preset grants nothing, so that spec validation reports a client
 * left without any authorization.
 *
 * @public
 */
export function presetAuthorizations(presets: readonly string[]): Array<{
  resourceType: string;
  resourceId: string;
  permissions: string[];
}> {
  const byResource = new Map<string, Set<string>>();
  for (const preset of presets) {
    if (!Object.hasOwn(MACHINE_CLIENT_PRESETS, preset)) {
      continue;
    }
    for (const grant of MACHINE_CLIENT_PRESETS[preset as MachineClientPreset]) {
      const key = `${grant.resourceType}\u0000${grant.resourceId}`;
      const permissions = byResource.get(key) ?? new Set<string>();
      grant.permissions.forEach(permission => permissions.add(permission));
      byResource.set(key, permissions);
    }
  }
  return [...byResource].map(([key, permissions]) => {
    const [resourceType, resourceId] = key.split('\u0000');
    return { resourceType, resourceId, permissions: [...permissions] };
  });
}
