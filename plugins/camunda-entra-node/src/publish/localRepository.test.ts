import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import git from 'isomorphic-git';
import { commitFilesToBranch, publishDirectory } from './localRepository';

const AUTHOR = { name: 'Test', email: 'test@example.com' };

describe('local repositories', () => {
  const root = createMockDirectory();
  const dir = () => root.resolve('repo');

  async function filesOf(ref: string) {
    const files: Record<string, string> = {};
    const oid = await git.resolveRef({ fs, dir: dir(), ref });
    for (const filepath of await git.listFiles({ fs, dir: dir(), ref })) {
      const { blob } = await git.readBlob({ fs, dir: dir(), oid, filepath });
      files[filepath] = Buffer.from(blob).toString('utf8');
    }
    return files;
  }

  beforeEach(async () => {
    root.setContent({
      workspace: { 'values.yaml': 'line: 8.8', 'README.md': 'old' },
    });
    await publishDirectory({
      dir: dir(),
      source: root.resolve('workspace'),
      defaultBranch: 'main',
      message: 'Publish',
      author: AUTHOR,
    });
  });

  it('replaces the content of a new branch based on the default branch, leaving it and the work tree alone', async () => {
    const main = await git.resolveRef({ fs, dir: dir(), ref: 'main' });
    const files = [
      { path: 'values.yaml', content: 'line: 8.9' },
      { path: 'secrets/create-secrets.sh', content: '#!/bin/sh' },
    ];
    const first = await commitFilesToBranch({
      dir: dir(),
      branch: 'upgrade-8.9',
      files,
      message: 'Upgrade',
      author: AUTHOR,
    });

    expect(first.changed).toBe(true);
    expect(await filesOf('upgrade-8.9')).toEqual({
      'values.yaml': 'line: 8.9',
      'secrets/create-secrets.sh': '#!/bin/sh',
    });
    const [commit] = await git.log({ fs, dir: dir(), ref: 'upgrade-8.9' });
    expect(commit.oid).toBe(first.commitHash);
    expect(commit.commit.parent).toEqual([main]);
    expect(commit.commit.message.trim()).toBe('Upgrade');
    expect(await git.resolveRef({ fs, dir: dir(), ref: 'main' })).toBe(main);
    expect(await git.currentBranch({ fs, dir: dir() })).toBe('main');
    expect(fs.readFileSync(root.resolve('repo/values.yaml'), 'utf8')).toBe(
      'line: 8.8',
    );

    // A retry finds the same files and commits nothing.
    expect(
      await commitFilesToBranch({
        dir: dir(),
        branch: 'upgrade-8.9',
        files: [...files].reverse(),
        message: 'Upgrade again',
        author: AUTHOR,
      }),
    ).toEqual({ commitHash: first.commitHash, changed: false });
  });

  it('creates the branch without a commit when the default branch has the files', async () => {
    const main = await git.resolveRef({ fs, dir: dir(), ref: 'main' });
    expect(
      await commitFilesToBranch({
        dir: dir(),
        branch: 'same',
        files: [
          { path: 'README.md', content: 'old' },
          { path: 'values.yaml', content: 'line: 8.8' },
        ],
        message: 'Same',
        author: AUTHOR,
      }),
    ).toEqual({ commitHash: main, changed: false });
    expect(await git.resolveRef({ fs, dir: dir(), ref: 'same' })).toBe(main);
  });
});
