import { CommandOutput } from '../commands/CommandOutput';

/** Output that replaces any of `secrets`, in case an error message ever carried one. */
export function redactingOutput(
  output: CommandOutput,
  secrets: string[],
): CommandOutput {
  const redact = (line: string) =>
    secrets.reduce((text, secret) => text.split(secret).join('[secret]'), line);
  return {
    stdout: line => output.stdout(redact(line)),
    stderr: line => output.stderr(redact(line)),
  };
}
