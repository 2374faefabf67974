import {
  ChildProcess,
  execFileSync,
  spawn,
  spawnSync,
} from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

// The packages as a newcomer gets them: built, packed with `yarn pack` (whose prepack points
// package.json at dist/) and installed with npm into a folder outside this workspace, so that
// nothing of the workspace (sources, dev dependencies, Backstage's Node transform) is reachable.

const ROOT = path.resolve(__dirname, '../..');
const PACKAGES = {
  common: 'plugins/camunda-entra-common',
  node: 'plugins/camunda-entra-node',
  cli: 'packages/cli',
  sandbox: 'packages/entra-sandbox',
};
const SPECS = path.join(ROOT, PACKAGES.node, 'src/values/__fixtures__/specs');

jest.setTimeout(600_000);

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Every file below a directory, by relative path. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
    }
  }
  return files;
}

let tmp: string;
let installed: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'camunda-entra-packed-'));
  installed = path.join(tmp, 'install');
  // The build reads the declarations that tsc emits into dist-types/; type errors are the
  // type-check's to report, and tsc emits despite them.
  spawnSync('yarn', ['tsc'], { cwd: ROOT, stdio: 'ignore' });
  const tarballs = Object.entries(PACKAGES).map(([name, dir]) => {
    const tarball = path.join(tmp, `${name}.tgz`);
    run('yarn', ['backstage-cli', 'package', 'build'], path.join(ROOT, dir));
    run('yarn', ['pack', '--out', tarball], path.join(ROOT, dir));
    return tarball;
  });
  fs.mkdirSync(installed);
  fs.writeFileSync(path.join(installed, 'package.json'), '{"private":true}');
  // One install, so that the CLI's dependencies on -node and -common are met by their tarballs,
  // not the registry.
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `--cache=${path.join(tmp, 'npm-cache')}`,
      ...tarballs,
    ],
    installed,
  );
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it('installs nothing but the built packages', () => {
  const node = path.join(installed, 'node_modules/@camunda-entra');
  expect(fs.readdirSync(node).sort()).toEqual([
    'cli',
    'entra-sandbox',
    'plugin-camunda-entra-common',
    'plugin-camunda-entra-node',
  ]);
  for (const name of fs.readdirSync(node)) {
    expect(fs.existsSync(path.join(node, name, 'src'))).toBe(false);
  }
  expect(
    fs.existsSync(path.join(installed, 'node_modules/@backstage/cli')),
  ).toBe(false);
});

it.each(
  fs
    .readdirSync(SPECS)
    .filter(file => file.endsWith('.yaml'))
    .sort(),
)(
  'camunda-entra values writes what the workspace CLI writes for %s',
  specFile => {
    const spec = path.join(SPECS, specFile);
    const name = path.basename(specFile, '.yaml');
    const packedOut = path.join(tmp, 'packed', name);
    const workspaceOut = path.join(tmp, 'workspace', name);

    run(
      path.join(installed, 'node_modules/.bin/camunda-entra'),
      ['values', '--spec', spec, '--out', packedOut],
      installed,
    );
    run(
      'node',
      [
        path.join(ROOT, PACKAGES.cli, 'bin/camunda-entra'),
        'values',
        '--spec',
        spec,
        '--out',
        workspaceOut,
      ],
      ROOT,
    );

    const packed = readTree(packedOut);
    expect(Object.keys(packed)).toContain('values.yaml');
    expect(packed).toEqual(readTree(workspaceOut));
  },
);

describe('entra-sandbox from its package', () => {
  let sandbox: ChildProcess | undefined;

  afterEach(() => {
    sandbox?.kill();
  });

  it('starts and serves OIDC discovery for its tenant', async () => {
    const child = spawn(
      path.join(installed, 'node_modules/.bin/entra-sandbox'),
      [
        '--port',
        '0',
        '--browser-port',
        '0',
        '--state',
        path.join(tmp, 'sandbox-state.json'),
      ],
      { cwd: installed, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    sandbox = child;
    let stderr = '';
    child.stderr!.on('data', chunk => {
      stderr += chunk;
    });
    // The banner is written at once when the sandbox listens.
    const banner = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout!.on('data', chunk => {
        stdout += chunk;
        if (stdout.includes('Sign-in client')) resolve(stdout);
      });
      child.once('exit', code =>
        reject(new Error(`entra-sandbox exited with ${code}: ${stderr}`)),
      );
    });
    const field = (label: string) =>
      new RegExp(`${label}:\\s+(\\S+)`).exec(banner)![1];
    const tenant = field('tenant');

    const discovery = await new Promise<any>((resolve, reject) => {
      https
        .get(
          field('metadata URL'),
          { ca: fs.readFileSync(field('CA certificate')) },
          response => {
            let body = '';
            response.on('data', chunk => {
              body += chunk;
            });
            response.on('end', () => resolve(JSON.parse(body)));
          },
        )
        .on('error', reject);
    });
    expect(discovery.issuer).toContain(tenant);
    expect(discovery.token_endpoint).toContain(tenant);
  });
});
