/** Where a command writes its messages, one line at a time. */
export interface CommandOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

/** The process's own standard output and error. */
export const processOutput: CommandOutput = {
  stdout: line => process.stdout.write(`${line}\n`),
  stderr: line => process.stderr.write(`${line}\n`),
};
