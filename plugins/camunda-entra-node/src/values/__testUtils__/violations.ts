import { ChartLine } from '@camunda-entra/plugin-camunda-entra-common';
import { HelmValues } from '../buildValues';
import {
  assertValidHelmValues,
  InvalidHelmValuesError,
} from '../validateValues';

/** The violations assertValidHelmValues reports for values, none when they are valid. */
export function violationsOf(line: ChartLine, values: HelmValues): string[] {
  try {
    assertValidHelmValues(line, values);
  } catch (error) {
    if (error instanceof InvalidHelmValuesError) {
      return error.violations;
    }
    throw error;
  }
  return [];
}
