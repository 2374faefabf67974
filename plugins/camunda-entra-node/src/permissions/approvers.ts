import { Config } from '@backstage/config';

/**
 * The users and groups who decide on requests (`camundaEntra.approval.approvers`), read in
 * one place for the backend plugin and the permission policy.
 *
 * @public
 */
export function readCamundaEntraApprovers(config: Config): string[] {
  return (
    config.getOptionalStringArray('camundaEntra.approval.approvers') ?? []
  );
}
