import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixtureSpec } from './__testUtils__/specs';
import { buildSecretsScript, scriptSecretKeys } from './secretsScript';
import { secretEnvVar } from './shell';

/**
 * A kubectl that records every command line it is started with and turns `create secret`
 * with `--from-file` into `key=value` lines, which `apply` records: what the cluster would get.
 */
const FAKE_KUBECTL = `#!/bin/sh
echo "$*" >>"$KUBECTL_LOG"
case "$1" in
  get) exit 1 ;;
  apply) cat >>"$KUBECTL_APPLIED" ;;
  create)
    for arg in "$@"; do
      case "$arg" in
        --from-file=*)
          spec=\${arg#--from-file=}
          printf '%s=%s\\n' "\${spec%%=*}" "$(cat "\${spec#*=}")"
          ;;
      esac
    done
    ;;
esac
`;

describe('secrets/create-secrets.sh', () => {
  it('hands every value to kubectl in a private file, never on a command line, and leaves no file behind', () => {
    const spec = fixtureSpec('guide-full-8.9');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'create-secrets-'));
    const bin = path.join(dir, 'bin');
    const tmp = path.join(dir, 'tmp');
    fs.mkdirSync(bin);
    fs.mkdirSync(tmp);
    fs.writeFileSync(path.join(bin, 'kubectl'), FAKE_KUBECTL, { mode: 0o755 });
    const script = path.join(dir, 'create-secrets.sh');
    fs.writeFileSync(script, buildSecretsScript(spec));
    const { entra, camunda } = scriptSecretKeys(spec);
    const values = Object.fromEntries(
      [...entra, ...camunda].map(({ key }, index) => [
        key,
        `value-${index} with 'quotes' and $dollars`,
      ]),
    );

    const output = execFileSync('sh', [script], {
      encoding: 'utf8',
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        TMPDIR: tmp,
        KUBECTL_LOG: path.join(dir, 'kubectl.log'),
        KUBECTL_APPLIED: path.join(dir, 'applied'),
        ...Object.fromEntries(
          Object.entries(values).map(([key, value]) => [
            secretEnvVar(key),
            value,
          ]),
        ),
      },
    });

    const commandLines = fs.readFileSync(path.join(dir, 'kubectl.log'), 'utf8');
    for (const value of Object.values(values)) {
      expect(commandLines).not.toContain(value);
    }
    // The client secrets reach kubectl apply; the database passwords the second create.
    const applied = fs.readFileSync(path.join(dir, 'applied'), 'utf8');
    for (const { key } of entra) {
      expect(applied).toContain(`${key}=${values[key]}\n`);
    }
    for (const { key } of camunda) {
      expect(output).toContain(`${key}=${values[key]}\n`);
    }
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('stops before creating anything when a client secret is not set', () => {
    const spec = fixtureSpec('minimal-8.9');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'create-secrets-'));
    const script = path.join(dir, 'create-secrets.sh');
    fs.writeFileSync(script, buildSecretsScript(spec));
    const [first] = scriptSecretKeys(spec).entra;

    expect(() =>
      execFileSync('sh', [script], {
        env: { PATH: '/usr/bin:/bin', TMPDIR: dir },
        stdio: 'pipe',
      }),
    ).toThrow(`set ${secretEnvVar(first.key)}`);
  });
});
