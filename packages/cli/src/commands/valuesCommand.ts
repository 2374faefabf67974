import { stringifyError } from '@backstage/errors';
import {
  generateValuesRepository,
  outputDirectoryProblem,
  writeValuesRepository,
} from '@camunda-entra/plugin-camunda-entra-node';
import { Command } from 'commander';
import { ExitCode } from '../exitCodes';
import { loadSpec } from '../spec/loadSpec';
import { CommandOutput, processOutput } from './CommandOutput';

/**
 * Runs `camunda-entra values`: validates the spec and the output directory, reporting every
 * problem as `field: message`, then generates and writes the repository. Nothing is written
 * on any error. Returns the exit code (see ExitCode).
 */
export async function runValuesCommand(
  options: { spec: string; out: string },
  output: CommandOutput,
): Promise<number> {
  const [loaded, outProblem] = await Promise.all([
    loadSpec(options.spec, { requireClients: true }),
    outputDirectoryProblem(options.out),
  ]);
  const problems = [
    ...(outProblem ? [`out: ${outProblem}`] : []),
    ...('problems' in loaded ? loaded.problems : []),
  ];
  if (problems.length > 0 || !('spec' in loaded)) {
    problems.forEach(problem => output.stderr(problem));
    return ExitCode.badInput;
  }

  try {
    const repository = generateValuesRepository(loaded.spec);
    await writeValuesRepository(options.out, repository);
    output.stdout(
      `Wrote ${repository.files.length} files to ${
        options.out
      }: ${repository.files.map(file => file.path).join(', ')}`,
    );
    return ExitCode.success;
  } catch (error) {
    output.stderr(stringifyError(error));
    return ExitCode.failed;
  }
}

/** Adds `values --spec <file> --out <dir>` to the `camunda-entra` program. */
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
      process.exitCode = await runValuesCommand(options, processOutput);
    });
}
