import {
  DeploymentSpec,
  specClients,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  commitFilesToBranch,
  deploymentRepositoryName,
  generateValuesRepository,
  isLocalRepository,
  LocalPublishConfig,
  localRepositoryPath,
} from '@camunda-entra/plugin-camunda-entra-node';

/** The author of the portal's commits. */
const AUTHOR = {
  name: 'Camunda Entra portal',
  email: 'camunda-entra@backstage.io',
};

/** The branch an upgrade's values go to. */
export function upgradeBranch(to: string): string {
  return `upgrade-${to}`;
}

/**
 * Commits the values repository of an applied upgrade (the target spec with the client IDs
 * it registered; no secrets) to branch `upgrade-<line>` of the deployment's local repository,
 * where the Camunda template published it. Returns what the request's event says: where the
 * files are, or why they were not published and how to generate them.
 */
export async function publishUpgradeValues(options: {
  publish: LocalPublishConfig | undefined;
  spec: DeploymentSpec;
  clients: Record<string, string>;
  requestId: string;
}): Promise<string> {
  const { publish, spec, requestId } = options;
  const repository = deploymentRepositoryName(spec.name);
  const generate = `generate them with camunda-entra values (or camunda-entra upgrade --out) and open a pull request in the deployment's repository`;
  if (!publish?.enabled) {
    return `the ${spec.chart} values were not published: camundaEntra.publish.local is not enabled; ${generate}`;
  }
  const dir = localRepositoryPath(publish, repository);
  if (!isLocalRepository(dir)) {
    return `the ${spec.chart} values were not published: no local repository ${repository}; ${generate}`;
  }
  const branch = upgradeBranch(spec.chart);
  const { commitHash, changed } = await commitFilesToBranch({
    dir,
    branch,
    files: generateValuesRepository({
      ...spec,
      clients: specClients(options.clients),
    }).files,
    message: `Upgrade ${spec.name} to Camunda ${spec.chart} (request ${requestId})`,
    author: AUTHOR,
  });
  return `the ${
    spec.chart
  } values are on branch ${branch} of ${dir} (commit ${commitHash.slice(0, 7)}${
    changed ? '' : ', already there'
  }); no pull request: the local target has none; merge the branch into the default branch to deploy them`;
}
