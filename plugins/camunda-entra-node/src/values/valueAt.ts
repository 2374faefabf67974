import { HelmValues } from './buildValues';

/** The value at a dotted path of a values tree (`orchestration.enabled`), undefined when absent. */
export function valueAt(values: HelmValues, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null
          ? (node as HelmValues)[key]
          : undefined,
      values,
    );
}
