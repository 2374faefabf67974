/**
 * The `camunda-entra` command line tool, which the package's bin runs.
 *
 * @packageDocumentation
 */

import { Command } from 'commander';
import { addRegisterCommand } from './commands/registerCommand';
import { addUpgradeCommand } from './commands/upgradeCommand';
import { addValuesCommand } from './commands/valuesCommand';
import { addVerifyCommand } from './commands/verifyCommand';

/** Entry point of the `camunda-entra` command line tool. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('camunda-entra')
    .description(
      'Register Microsoft Entra applications for Camunda 8, generate its Helm values repository, verify its sign-in and upgrade it to the next line',
    )
    .showHelpAfterError();

  addRegisterCommand(program);
  addUpgradeCommand(program);
  addValuesCommand(program);
  addVerifyCommand(program);
  await program.parseAsync(argv);
}
