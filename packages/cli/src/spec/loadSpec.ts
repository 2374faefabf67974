import { stringifyError } from '@backstage/errors';
import {
  DeploymentSpec,
  formatSpecProblems,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';

/** Reads a spec file (or another input file), YAML or JSON, without validating it. */
export async function readSpecFile(
  file: string,
): Promise<{ input: unknown } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { problem: `cannot read ${file}: ${stringifyError(error)}` };
  }
  // YAML 1.2 is a superset of JSON, so one parser reads both formats.
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    return {
      problem: `${file} is not valid YAML or JSON: ${document.errors[0].message}`,
    };
  }
  return { input: document.toJS() };
}

/**
 * Reads and validates the spec file a command was given, or its problems as the commands
 * print them: `spec: <why it cannot be read>`, else one `field: message` per invalid field.
 */
export async function loadSpec(
  file: string,
  options: { requireClients?: boolean } = {},
): Promise<{ spec: DeploymentSpec } | { problems: string[] }> {
  const read = await readSpecFile(file);
  if ('problem' in read) {
    return { problems: [`spec: ${read.problem}`] };
  }
  const validation = validateDeploymentSpec(read.input, options);
  if (!validation.valid) {
    return {
      problems: validation.problems.map(problem =>
        formatSpecProblems([problem]),
      ),
    };
  }
  return { spec: validation.spec };
}
