import { GeneratedRepository } from '../values';
import { ValuesFileChange } from './types';
import { unifiedDiff } from './unifiedDiff';

/**
 * The files that differ between two generated repositories, each with its unified diff, in
 * the current repository's order, then the files only the target has.
 */
export function valuesDiff(
  current: GeneratedRepository,
  target: GeneratedRepository,
): ValuesFileChange[] {
  const contentOf = (repository: GeneratedRepository) =>
    new Map(repository.files.map(file => [file.path, file.content]));
  const before = contentOf(current);
  const after = contentOf(target);
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  return paths.flatMap((path): ValuesFileChange[] => {
    const diff = unifiedDiff(path, before.get(path), after.get(path));
    if (!diff) {
      return [];
    }
    let change: ValuesFileChange['change'] = 'changed';
    if (!before.has(path)) {
      change = 'added';
    } else if (!after.has(path)) {
      change = 'removed';
    }
    return [{ path, change, diff }];
  });
}
