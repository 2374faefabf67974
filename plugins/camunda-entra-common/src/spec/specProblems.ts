import { SpecProblem } from './deploymentSpec';

/**
 * A spec problem as one line, `field: message`; `(spec)` stands for the spec as a whole.
 *
 * @public
 */
export function describeSpecProblem(problem: SpecProblem): string {
  return `${problem.field || '(spec)'}: ${problem.message}`;
}

/**
 * Spec problems as one error message's text, `field: message; field: message`.
 *
 * @public
 */
export function describeSpecProblems(problems: SpecProblem[]): string {
  return problems.map(describeSpecProblem).join('; ');
}
