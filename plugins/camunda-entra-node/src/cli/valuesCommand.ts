import { stringifyError } from '@backstage/errors';
import {
  validateDeploymentSpec,
  describeSpecProblem,
} from '@camunda-entra/plugin-camunda-entra-common';
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import {
  generateValuesRepository,
  outputDirectoryProblem,
  writeValuesRepository,
} from '../values';

/**
 * Where the values command writes its messages.
 *
 * @public
 */
export interface CommandOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

/** Exit codes of `camunda-entra values`. */
const EXIT_BAD_INPUT = 1;
const EXIT_FAILED = 2;

/** Reads a spec file, YAML or JSON, without validating it; shared by the CLI commands. */
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
 * Runs `camunda-entra values`: validates the spec and the output directory, reporting every
 * problem as `field: message`, then generates and writes the repository. Nothing is written
 * on any error. Returns the exit code: 0 success, 1 bad input, 2 generation or write failed.
 *
 * @public
 */
export async function runValuesCommand(
  options: { spec: string; out: string },
  output: CommandOutput,
): Promise<number> {
  const problems: string[] = [];
  const spec = await readSpecFile(options.spec);
  if ('problem' in spec) {
    problems.push(`spec: ${spec.problem}`);
  }
  const outProblem = await outputDirectoryProblem(options.out);
  if (outProblem) {
    problems.push(`out: ${outProblem}`);
  }
  const validation =
    'input' in spec
      ? validateDeploymentSpec(spec.input, { requireClients: true })
      : undefined;
  if (validation && !validation.valid) {
    problems.push(...validation.problems.map(describeSpecProblem));
  }
  if (problems.length > 0 || !validation?.valid) {
    problems.forEach(problem => output.stderr(problem));
    return EXIT_BAD_INPUT;
  }

  try {
    const repository = generateValuesRepository(validation.spec);
    await writeValuesRepository(options.out, repository);
    output.stdout(
      `Wrote ${repository.files.length} files to ${
        options.out
      }: ${repository.files.map(file => file.path).join(', ')}`,
    );
    return 0;
  } catch (error) {
    output.stderr(stringifyError(error));
    return EXIT_FAILED;
  }
}

/**
 * Adds `values --spec <file> --out <dir>` to the `camunda-entra` program.
 *
 * @public
 */
export function addValuesCommand(program: Command): void {
  program
    .command('values')
    .description(
      'Generate the Helm values repository (values.yaml, README, secret script, catalog-info) of a deployment spec',
    )
    .requiredOption('--spec <file>', 'deployment spec, YAML or JSON')
    .requiredOption(
      '--out <dir>',
      'directory to create for the repository; must be absent or empty',
    )
    .action(async (options: { spec: string; out: string }) => {
      process.exitCode = await runValuesCommand(options, {
        stdout: line => process.stdout.write(`${line}\n`),
        stderr: line => process.stderr.write(`${line}\n`),
      });
    });
}
