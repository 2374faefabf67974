import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// The node library's spec fixtures, which its values tests generate from: present in the
// workspace only, as these tests are.
const SPECS = path.resolve(
  require.resolve('@camunda-entra/plugin-camunda-entra-node/package.json'),
  '../src/values/__fixtures__/specs',
);

/** The raw input of one of the node library's spec fixtures, e.g. `minimal-8.9`. */
export function fixtureInput(name: string): Record<string, any> {
  return parse(readFileSync(path.join(SPECS, `${name}.yaml`), 'utf8'));
}
