import { z } from 'zod';
import {
  ENTRA_CLIENT_COMPONENT,
  ENTRA_CLIENT_KEYS,
  ENTRA_CLIENT_LABELS,
} from './components';
import { missingMachineClientProblems } from './accessProblems';
import { crossFieldProblems } from './crossFieldProblems';
import {
  deploymentSpecSchema,
  secretStoreSchema,
} from './deploymentSpecSchema';
import type { SpecProblem } from './specProblems';
import type { DeploymentSpec, SecretStoreSpec } from './types';
import { asRecord } from './unparsed';

/**
 * Options of {@link validateDeploymentSpec}.
 *
 * @public
 */
export interface ValidateDeploymentSpecOptions {
  /**
   * Require a client ID for every Entra application the spec needs, as generating values
   * does (before registration, clients are legitimately missing).
   */
  requireClients?: boolean;
}

/**
 * Validates a deployment spec, applies its defaults and reports every problem at once. The
 * CLI, the backend, the scaffolder actions and the frontend form share it, cross-field rules
 * (component dependencies, Web Modeler sender address, ...) included.
 *
 * @public
 */
export function validateDeploymentSpec(
  input: unknown,
  options: ValidateDeploymentSpecOptions = {},
):
  | { valid: true; spec: DeploymentSpec }
  | { valid: false; problems: SpecProblem[] } {
  const result = parse(deploymentSpecSchema, input);
  const problems = result.success ? [] : [...result.problems];
  // zod skips refinements once a field has the wrong type; run the cross-field rules on the
  // raw input too so users still see every problem in one go.
  problems.push(...crossFieldProblems(input));
  if (options.requireClients) {
    problems.push(
      ...missingClientProblems(input),
      ...missingMachineClientProblems(input),
    );
  }
  const unique = dedupe(problems);
  if (result.success && unique.length === 0) {
    return { valid: true, spec: result.data };
  }
  return { valid: false, problems: unique };
}

/**
 * Validates a spec's `secretStore` on its own, for configuration that fills it in; the
 * problems' fields are relative to the store.
 *
 * @public
 */
export function validateSecretStoreSpec(
  input: unknown,
):
  | { valid: true; store: SecretStoreSpec }
  | { valid: false; problems: SpecProblem[] } {
  const result = parse(secretStoreSchema, input);
  return result.success
    ? { valid: true, store: result.data }
    : { valid: false, problems: result.problems };
}

function parse<T>(
  schema: z.ZodType<T>,
  input: unknown,
): { success: true; data: T } | { success: false; problems: SpecProblem[] } {
  const result = schema.safeParse(input, { error: issueMessage });
  return result.success
    ? { success: true, data: result.data }
    : { success: false, problems: result.error.issues.flatMap(toProblems) };
}

/**
 * Our wording of zod's own issues. A schema's own message wins over it; other issues keep
 * zod's.
 */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (
    issue.input === undefined &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value')
  ) {
    return 'is required';
  }
  if (issue.code === 'invalid_type') {
    return `must be ${article(issue.expected)}, not ${typeOf(issue.input)}`;
  }
  if (
    issue.code === 'invalid_union' &&
    issue.discriminator &&
    Array.isArray(issue.options)
  ) {
    return `must be one of ${issue.options.join(', ')}`;
  }
  return undefined;
}

function toProblems(issue: z.core.$ZodIssue): SpecProblem[] {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(key => ({
      field: field ? `${field}.${key}` : key,
      message: 'is not a known field',
    }));
  }
  // A record key's own problems, at the key.
  if (issue.code === 'invalid_key') {
    return issue.issues.map(keyIssue => ({ field, message: keyIssue.message }));
  }
  return [{ field, message: issue.message }];
}

function typeOf(value: unknown): string {
  if (value === null || Array.isArray(value) || Number.isNaN(value)) {
    return Array.isArray(value) ? 'array' : String(value);
  }
  return typeof value;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function dedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter(problem => {
    const key = `${problem.field}\u0000${problem.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function missingClientProblems(input: unknown): SpecProblem[] {
  const spec = asRecord(input);
  const components = asRecord(spec.components);
  const clients = asRecord(spec.clients);
  return ENTRA_CLIENT_KEYS.filter(
    key =>
      components[ENTRA_CLIENT_COMPONENT[key]] !== undefined &&
      clients[key] === undefined,
  ).map(key => ({
    field: `clients.${key}`,
    message: `is required to generate values: register the ${ENTRA_CLIENT_LABELS[key]} application first (camunda-entra register)`,
  }));
}
