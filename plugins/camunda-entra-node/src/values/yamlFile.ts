import { Document, isNode } from 'yaml';

/**
 * A comment written above the node at `path` (map keys and sequence indexes) of a YAML file.
 *
 * @public
 */
export interface YamlComment {
  path: ReadonlyArray<string | number>;
  /** Lines without the leading `#`. */
  comment: string;
}

/**
 * Serialises a value as a YAML document with the `yaml` library. Strings are quoted by
 * YAML 1.1 rules, which Helm and kubectl (go-yaml) apply: `on`, `no`, `0123` stay strings.
 * Nothing is ever spliced into YAML text, so no value can add keys; comments are attached to
 * the document's nodes.
 *
 * @public
 */
export function toYamlFile(
  value: unknown,
  header?: string,
  comments: readonly YamlComment[] = [],
): string {
  const document = new Document(value, { version: '1.1' });
  if (header) {
    document.commentBefore = header
      .split('\n')
      .map(line => ` ${line}`)
      .join('\n');
  }
  for (const { path, comment } of comments) {
    const node = document.getIn(path, true);
    if (!isNode(node)) {
      throw new Error(`no YAML node at ${path.join('.')} to comment`);
    }
    node.commentBefore = comment;
  }
  // Single quotes where quoting is needed, as the repository's Prettier style has it.
  return document.toString({ lineWidth: 0, singleQuote: true });
}
