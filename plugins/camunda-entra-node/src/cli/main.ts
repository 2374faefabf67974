/**
 * The `camunda-entra` command line tool, which the package's bin runs.
 *
 * @packageDocumentation
 */

import { Command } from 'commander';
import { addRegisterCommand } from './registerCommand';
import { addValuesCommand } from './valuesCommand';

/**
 * Entry point of the `camunda-entra` command line tool.
 *
 * @public
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('camunda-entra')
    .description(
      'Register Microsoft Entra applications for Camunda 8 and generate its Helm values repository',
    )
    .showHelpAfterError();

  addRegisterCommand(program);
  addValuesCommand(program);
  await program.parseAsync(argv);
}
