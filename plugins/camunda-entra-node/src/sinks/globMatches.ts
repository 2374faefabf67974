/**
 * Whether `value` matches `pattern` as a whole, where `*` matches any run of characters
 * (none included) and everything else matches itself. Used for the namespace patterns of
 * auto-approval rules and of the Kubernetes sink.
 *
 * @public
 */
export function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}
