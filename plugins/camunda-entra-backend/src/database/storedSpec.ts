import { ConflictError } from '@backstage/errors';
import {
  DeploymentSpec,
  formatSpecProblems,
  RequestSpec,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * The typed spec of a stored request, decided here and nowhere else: the parsed spec, or for a
 * record that no longer validates (stored by an earlier release, before a rule it breaks), its
 * problems beside the JSON as stored. Requests store their spec normalised, so parsing it
 * again yields the same spec.
 */
export function parseStoredSpec(json: string): RequestSpec {
  const stored: unknown = JSON.parse(json);
  const result = validateDeploymentSpec(stored);
  return result.valid
    ? { spec: result.spec }
    : {
        spec: isRecord(stored) ? stored : {},
        specProblems: result.problems,
      };
}

/**
 * The spec to act on; a ConflictError naming the request and the problems of a stored spec
 * that no longer validates.
 */
export function specOf(request: { id: string } & RequestSpec): DeploymentSpec {
  if (request.specProblems) {
    throw new ConflictError(
      `The spec stored with request ${
        request.id
      } is no longer valid (${formatSpecProblems(
        request.specProblems,
      )}); provision the deployment again with a spec that is`,
    );
  }
  return request.spec;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
