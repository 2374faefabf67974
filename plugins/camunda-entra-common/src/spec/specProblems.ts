/**
 * One thing wrong with a spec: the dotted field path and what is wrong with it.
 *
 * @public
 */
export interface SpecProblem {
  /** Dotted path of the field, e.g. `components.optimize.url`; empty for the spec as a whole. */
  field: string;
  /** What is wrong with it, e.g. `must use https`. */
  message: string;
}

function formatSpecProblem(problem: SpecProblem): string {
  return `${problem.field || '(spec)'}: ${problem.message}`;
}

/**
 * Spec problems as one error message's text, `field: message; field: message`; `(spec)`
 * stands for the spec as a whole.
 *
 * @public
 */
export function formatSpecProblems(problems: SpecProblem[]): string {
  return problems.map(formatSpecProblem).join('; ');
}
