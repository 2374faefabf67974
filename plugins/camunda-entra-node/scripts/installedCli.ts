/*
 * The `camunda-entra` CLI as a user gets it, for the registration benchmark: the workspace
 * package whose bin is `camunda-entra` and the workspace packages it depends on, built, packed
 * and installed with npm into a folder outside the workspace (as test/packed/packed.test.ts
 * does), so that no TypeScript transform or source is reachable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

interface Workspace {
  dir: string;
  name: string;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
}

function workspaces(): Workspace[] {
  return ['packages', 'plugins'].flatMap(parent =>
    fs
      .readdirSync(path.join(ROOT, parent))
      .map(name => path.join(ROOT, parent, name))
      .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
      .map(dir => ({
        dir,
        ...JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
      })),
  );
}

function cliWorkspace(
  all: Workspace[],
): Workspace & { bin: Record<string, string> } {
  const cli = all.find(
    w => typeof w.bin === 'object' && w.bin?.['camunda-entra'],
  );
  if (!cli) {
    throw new Error('No workspace package has the camunda-entra bin');
  }
  return cli as Workspace & { bin: Record<string, string> };
}

/** The CLI's bin inside the workspace, which runs it from its TypeScript sources. */
export function workspaceCliBin(): string {
  const cli = cliWorkspace(workspaces());
  return path.join(cli.dir, cli.bin['camunda-entra']);
}

/** The package that provides the bin, then the workspace packages it needs at run time. */
function cliPackages(): Workspace[] {
  const all = workspaces();
  const cli = cliWorkspace(all);
  const byName = new Map(all.map(w => [w.name, w]));
  const needed = new Map<string, Workspace>();
  const visit = (w: Workspace) => {
    if (needed.has(w.name)) return;
    needed.set(w.name, w);
    Object.keys(w.dependencies ?? {})
      .flatMap(name => byName.get(name) ?? [])
      .forEach(visit);
  };
  visit(cli);
  return [...needed.values()];
}

function run(command: string, args: string[], cwd: string) {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Builds, packs and installs the CLI into `folder` (created); returns the path of its bin.
 * A folder that already holds an installed CLI is used as it is.
 */
export function installCli(folder: string): string {
  const bin = path.join(folder, 'node_modules/.bin/camunda-entra');
  if (fs.existsSync(bin)) {
    return bin;
  }
  fs.mkdirSync(folder, { recursive: true });
  // The build reads the declarations tsc emits into dist-types/; type errors are the
  // type-check's to report, and tsc emits despite them.
  spawnSync('yarn', ['tsc'], { cwd: ROOT, stdio: 'ignore' });
  const tarballs = cliPackages().map(w => {
    const tarball = path.join(folder, `${path.basename(w.dir)}.tgz`);
    run('yarn', ['backstage-cli', 'package', 'build'], w.dir);
    run('yarn', ['pack', '--out', tarball], w.dir);
    return tarball;
  });
  fs.writeFileSync(path.join(folder, 'package.json'), '{"private":true}');
  // One install, so that workspace dependencies are met by their tarballs, not the registry.
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `--cache=${path.join(folder, '.npm-cache')}`,
      ...tarballs,
    ],
    folder,
  );
  return bin;
}
