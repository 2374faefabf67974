import { CustomErrorBase } from '@backstage/errors';
import { ChartLine } from '@camunda-entra/plugin-camunda-entra-common';
import { ErrorObject } from 'ajv';
import { HelmValues } from './buildValues';
import { chartFailRuleViolations } from './chartFailRules';
import { strictChartValidator } from './chartSchema';

/**
 * Generated values that the chart would reject or misread: a bug in the generator, never
 * in the user's spec.
 *
 * @public
 */
export class InvalidHelmValuesError extends CustomErrorBase {
  name = 'InvalidHelmValuesError' as const;

  constructor(readonly line: ChartLine, readonly violations: string[]) {
    super(
      `Generated values violate the Camunda ${line} chart (a generator bug):\n${violations
        .map(violation => `  ${violation}`)
        .join('\n')}`,
    );
  }
}

function describeSchemaError(error: ErrorObject): string {
  const path = error.instancePath.split('/').slice(1);
  if (error.keyword === 'additionalProperties') {
    path.push(String(error.params.additionalProperty));
    return `${path.join('.')}: is not a key the chart declares`;
  }
  return `${path.join('.') || '(root)'}: ${error.message}`;
}

/**
 * Checks values against the strict schema and the fail rules of a chart line; throws
 * InvalidHelmValuesError naming every offending key path.
 *
 * @public
 */
export function assertValidHelmValues(
  line: ChartLine,
  values: HelmValues,
): void {
  const validate = strictChartValidator(line);
  const violations = validate(values)
    ? []
    : (validate.errors ?? []).map(describeSchemaError);
  violations.push(...chartFailRuleViolations(line, values));
  if (violations.length > 0) {
    throw new InvalidHelmValuesError(line, violations);
  }
}
