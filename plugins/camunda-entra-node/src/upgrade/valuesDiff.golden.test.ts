import {
  CHART_LINES,
  ChartLine,
} from '@camunda-entra/plugin-camunda-entra-common';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureNames, fixtureSpec } from '../values/__testUtils__/specs';
import { planUpgrade } from './planUpgrade';
import { nextChartLine } from './targetSpec';
import { upgradeInputFor } from './__testUtils__/upgradeInputs';

// Golden files change only on purpose: UPDATE_GOLDEN=1 rewrites them (see __fixtures__/README.md).
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(__dirname, '__fixtures__');

/** Each values fixture that has a next line, with that line. */
const PAIRS = fixtureNames().flatMap(name => {
  const from = CHART_LINES.find(line => name.endsWith(`-${line}`));
  const to = from && nextChartLine(from);
  return to ? [[name, to] as [string, ChartLine]] : [];
});

describe.each(PAIRS)('values diff of %s upgraded to %s', (name, to) => {
  it('matches its golden file', () => {
    const spec = fixtureSpec(name);
    const result = planUpgrade(spec, to, upgradeInputFor(spec, to));
    if (!result.valid) {
      throw new Error(JSON.stringify(result.problems));
    }
    const text = result.plan.values.map(file => file.diff).join('');
    const file = join(GOLDEN, `${name}-to-${to}.diff`);
    if (UPDATE) {
      writeFileSync(file, text);
    }
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
