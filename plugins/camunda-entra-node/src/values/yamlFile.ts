import { Document } from 'yaml';

/**
 * Serialises a value as a YAML document with the `yaml` library. Strings are quoted by
 * YAML 1.1 rules, which Helm and kubectl (go-yaml) apply: `on`, `no`, `0123` stay strings.
 * Nothing is ever spliced into YAML text, so no value can add keys.
 *
 * @public
 */
export function toYamlFile(value: unknown, header?: string): string {
  const document = new Document(value, { version: '1.1' });
  if (header) {
    document.commentBefore = header
      .split('\n')
      .map(line => ` ${line}`)
      .join('\n');
  }
  // Single quotes where quoting is needed, as the repository's Prettier style has it.
  return document.toString({ lineWidth: 0, singleQuote: true });
}
