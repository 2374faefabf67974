import { Command } from 'commander';
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { fixtureInput } from '../__testUtils__/specFixtures';
import { addValuesCommand, runValuesCommand } from './valuesCommand';

const BIN = resolve(__dirname, '../../bin/camunda-entra');

describe('camunda-entra values', () => {
  let root: string;
  let output: { stdout: string[]; stderr: string[] };
  const io = {
    stdout: (line: string) => output.stdout.push(line),
    stderr: (line: string) => output.stderr.push(line),
  };
  const specFile = (content: string, name = 'spec.yaml') => {
    const file = join(root, name);
    writeFileSync(file, content);
    return file;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'values-cli-'));
    output = { stdout: [], stderr: [] };
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the repository and exits 0', async () => {
    const out = join(root, 'out');
    const code = await runValuesCommand(
      { spec: specFile(stringify(fixtureInput('minimal-8.9'))), out },
      io,
    );
    expect(code).toBe(0);
    expect(output.stderr).toEqual([]);
    expect(output.stdout).toEqual([expect.stringContaining('Wrote 4 files')]);
    expect(readdirSync(out).sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
      'secrets',
      'values.yaml',
    ]);
  });

  it('writes the ExternalSecret of a spec with a secret store, and no secret script when nothing is left for it', async () => {
    const out = join(root, 'out');
    const code = await runValuesCommand(
      { spec: specFile(stringify(fixtureInput('key-vault-8.9'))), out },
      io,
    );
    expect(code).toBe(0);
    expect(output.stdout).toEqual([
      expect.stringContaining('manifests/external-secret.yaml'),
    ]);
    expect(readdirSync(out).sort()).toEqual([
      'README.md',
      'argocd',
      'catalog-info.yaml',
      'manifests',
      'values.yaml',
    ]);
    expect(
      readFileSync(join(out, 'manifests/external-secret.yaml'), 'utf8'),
    ).toContain('key: camunda-orders-orchestration-cluster-client-secret');
  });

  it('reads JSON specs too', async () => {
    const out = join(root, 'out');
    const file = specFile(
      JSON.stringify(fixtureInput('usgov-8.9')),
      'spec.json',
    );
    expect(await runValuesCommand({ spec: file, out }, io)).toBe(0);
    expect(readFileSync(join(out, 'values.yaml'), 'utf8')).toContain(
      'login.microsoftonline.us',
    );
  });

  it('reports every spec problem as field: message, exits 1 and writes nothing', async () => {
    const input = fixtureInput('guide-full-8.9');
    input.tenant.id = 'contoso';
    input.components.optimize.url = 'http://optimize.example.com';
    delete input.components.identity;
    delete input.webModeler;
    delete input.clients.console;
    const out = join(root, 'out');
    const code = await runValuesCommand(
      { spec: specFile(stringify(input)), out },
      io,
    );
    expect(code).toBe(1);
    expect(output.stdout).toEqual([]);
    expect(output.stderr).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tenant\.id: must be a GUID/),
        expect.stringMatching(
          /^components\.optimize\.url: uses http but is not localhost/,
        ),
        expect.stringMatching(
          /^components\.console: needs Management Identity/,
        ),
        expect.stringMatching(
          /^components\.webModeler: needs Management Identity/,
        ),
        expect.stringMatching(/^webModeler\.fromAddress: is required/),
        expect.stringMatching(
          /^clients\.identity: is set but Management Identity is not enabled/,
        ),
        expect.stringMatching(
          /^clients\.console: is required to generate values/,
        ),
      ]),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('reports a non-empty --out together with the spec problems', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'existing.txt'), '');
    const input = fixtureInput('minimal-8.9');
    input.admins = [];
    const code = await runValuesCommand(
      { spec: specFile(stringify(input)), out },
      io,
    );
    expect(code).toBe(1);
    expect(output.stderr).toEqual([
      expect.stringMatching(/^out: .* is not empty/),
      'admins: must name at least one administrator',
    ]);
    expect(readdirSync(out)).toEqual(['existing.txt']);
  });

  it('reports an unreadable or unparsable spec file', async () => {
    const out = join(root, 'out');
    expect(
      await runValuesCommand({ spec: join(root, 'missing.yaml'), out }, io),
    ).toBe(1);
    expect(
      await runValuesCommand({ spec: specFile('name: [unclosed'), out }, io),
    ).toBe(1);
    expect(output.stderr).toEqual([
      expect.stringMatching(/^spec: cannot read .*missing\.yaml/),
      expect.stringMatching(/^spec: .*spec\.yaml is not valid YAML or JSON/),
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('is wired into the program and sets the exit code', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    const program = new Command('camunda-entra');
    addValuesCommand(program);
    try {
      await program.parseAsync(
        ['values', '--spec', specFile('name: x\n'), '--out', join(root, 'out')],
        { from: 'user' },
      );
      expect(process.exitCode).toBe(1);
      expect(stderr).toHaveBeenCalledWith('namespace: is required\n');
    } finally {
      stderr.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('runs from the repository bin script', async () => {
    const out = join(root, 'out');
    const spec = specFile(stringify(fixtureInput('guide-full-8.8')));
    await promisify(execFile)(process.execPath, [
      BIN,
      'values',
      '--spec',
      spec,
      '--out',
      out,
    ]);
    expect(readdirSync(out)).toContain('values.yaml');
    await expect(
      promisify(execFile)(process.execPath, [
        BIN,
        'values',
        '--spec',
        spec,
        '--out',
        out,
      ]),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^out: .* is not empty/),
    });
  }, 60_000);
});
