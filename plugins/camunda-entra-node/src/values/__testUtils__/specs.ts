import {
  DeploymentSpec,
  validateDeploymentSpec,
  formatSpecProblems,
} from '@camunda-entra/plugin-camunda-entra-common';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export const FIXTURES = resolve(__dirname, '../__fixtures__');

/** The names of the spec fixtures, e.g. `minimal-8.9`. */
export function fixtureNames(): string[] {
  return readdirSync(resolve(FIXTURES, 'specs'))
    .filter(file => file.endsWith('.yaml'))
    .map(file => file.replace(/\.yaml$/, ''))
    .sort();
}

/** The raw input of a spec fixture. */
export function fixtureInput(name: string): Record<string, any> {
  return parse(
    readFileSync(resolve(FIXTURES, 'specs', `${name}.yaml`), 'utf8'),
  );
}

/** Validates a spec input, failing the test with its problems when invalid. */
export function validSpec(input: unknown): DeploymentSpec {
  const result = validateDeploymentSpec(input, { requireClients: true });
  if (!result.valid) {
    throw new Error(
      `invalid test spec: ${formatSpecProblems(result.problems)}`,
    );
  }
  return result.spec;
}

/** A spec fixture, validated, optionally changed first. */
export function fixtureSpec(
  name: string,
  change: (input: Record<string, any>) => void = () => {},
): DeploymentSpec {
  const input = fixtureInput(name);
  change(input);
  return validSpec(input);
}
