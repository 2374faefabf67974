import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ChartLine } from '@camunda-entra/plugin-camunda-entra-common';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { withCamundaHubOverrides } from './camundaHubSchema';
import { withDefaultRoleMembers } from './defaultRolesSchema';
import { makeStrictSchema } from './strictSchema';

const compiled = new Map<ChartLine, ValidateFunction>();

function vendoredFile(line: ChartLine, file: string): string {
  return readFileSync(
    resolvePackagePath(
      '@camunda-entra/plugin-camunda-entra-node',
      'schemas',
      line,
      file,
    ),
    'utf8',
  );
}

/**
 * The sub-chart roots of a chart line (alias or name of each Chart.yaml dependency), whose
 * values are left to the sub-chart and not checked strictly.
 *
 * @public
 */
export function subChartRoots(line: ChartLine): Set<string> {
  const chart = parseYaml(vendoredFile(line, 'Chart.yaml')) as {
    dependencies?: Array<{ name: string; alias?: string }>;
  };
  return new Set(
    (chart.dependencies ?? []).map(
      dependency => dependency.alias ?? dependency.name,
    ),
  );
}

/**
 * The chart version the vendored schema of a line was taken from.
 *
 * @public
 */
export function vendoredChartVersion(line: ChartLine): string {
  return (parseYaml(vendoredFile(line, 'Chart.yaml')) as { version: string })
    .version;
}

/**
 * A validator of values against the vendored `values.schema.json` of a chart line, made
 * strict (see makeStrictSchema), with default roles and Camunda Hub's overrides declared as
 * the chart uses them (see withDefaultRoleMembers, withCamundaHubOverrides). Helm 3.18+ validates chart schemas as draft 2020-12.
 * Compiled once per line.
 *
 * @public
 */
export function strictChartValidator(line: ChartLine): ValidateFunction {
  let validate = compiled.get(line);
  if (!validate) {
    const schema = makeStrictSchema(
      withCamundaHubOverrides(
        withDefaultRoleMembers(
          JSON.parse(vendoredFile(line, 'values.schema.json')),
          line,
        ),
      ),
      subChartRoots(line),
    );
    // Ajv's own strict mode stays off: the chart schemas carry a stray keyword (`restapi`
    // beside webModeler's properties) that validators ignore.
    validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    compiled.set(line, validate);
  }
  return validate;
}
