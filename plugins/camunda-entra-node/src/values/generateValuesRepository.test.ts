import {
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { fixtureNames, fixtureSpec, FIXTURES } from './__testUtils__/specs';
import { generateValuesRepository } from './generateValuesRepository';
import { assertValidHelmValues } from './validateValues';

// Golden files change only on purpose: UPDATE_GOLDEN=1 rewrites them (see __fixtures__/README.md).
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe.each(fixtureNames())('generated repository for %s', name => {
  const spec = fixtureSpec(name);
  const repository = generateValuesRepository(spec);
  const golden = join(FIXTURES, 'golden', name);

  if (UPDATE) {
    rmSync(golden, { recursive: true, force: true });
    for (const file of repository.files) {
      mkdirSync(dirname(join(golden, file.path)), { recursive: true });
      writeFileSync(join(golden, file.path), file.content);
    }
  }

  it('has exactly the golden files', () => {
    expect(repository.files.map(file => file.path).sort()).toEqual(
      listFiles(golden),
    );
  });

  it.each(repository.files.map(file => [file.path, file.content]))(
    'matches golden %s',
    (path, content) => {
      expect(content).toBe(readFileSync(join(golden, path), 'utf8'));
    },
  );

  it('has golden values that validate strictly against the chart', () => {
    const values = parse(readFileSync(join(golden, 'values.yaml'), 'utf8'));
    expect(() => assertValidHelmValues(spec.chart, values)).not.toThrow();
  });
});
