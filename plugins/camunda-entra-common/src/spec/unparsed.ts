// Readers of input that has not been parsed: the rules that must also run where the schema
// failed (so that users see every problem at once) take what they can and skip the rest.

/** An object's entries, or none for anything that is no plain object. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** An array's elements, or none for anything that is no array. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
