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
import { join } from 'node:path';
import { writeValuesRepository } from './writeValuesRepository';

const REPOSITORY = {
  files: [
    { path: 'values.yaml', content: 'a: 1\n' },
    { path: 'secrets/create-secrets.sh', content: '#!/bin/sh\n' },
  ],
};

describe('writeValuesRepository', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'values-repo-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('creates an absent directory, with its parents', async () => {
    const out = join(root, 'deep', 'out');
    await writeValuesRepository(out, REPOSITORY);
    expect(readFileSync(join(out, 'values.yaml'), 'utf8')).toBe('a: 1\n');
    expect(readFileSync(join(out, 'secrets/create-secrets.sh'), 'utf8')).toBe(
      '#!/bin/sh\n',
    );
    expect(readdirSync(join(root, 'deep'))).toEqual(['out']);
  });

  it('fills an existing empty directory', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    await writeValuesRepository(out, REPOSITORY);
    expect(readdirSync(out).sort()).toEqual(['secrets', 'values.yaml']);
  });

  it('refuses a non-empty directory and leaves it alone', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    await expect(writeValuesRepository(out, REPOSITORY)).rejects.toThrow(
      /is not empty/,
    );
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('refuses a file in place of the directory', async () => {
    const out = join(root, 'out');
    writeFileSync(out, '');
    await expect(writeValuesRepository(out, REPOSITORY)).rejects.toThrow(
      /not a directory/,
    );
  });

  it('writes nothing when one file fails', async () => {
    const out = join(root, 'out');
    await expect(
      writeValuesRepository(out, {
        files: [...REPOSITORY.files, { path: '../escape.yaml', content: '' }],
      }),
    ).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});
