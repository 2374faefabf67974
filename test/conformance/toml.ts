/**
 * The flat subset of TOML the chart renders for Web Modeler's 8.8 webapp (`[section]` headers,
 * `key = "string"` or bare values), as dotted keys: `oAuth2.token.audience`.
 */
export function readFlatToml(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = `${header[1].trim()}.`;
      continue;
    }
    const pair = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (pair) {
      const value = pair[2].trim();
      values[`${section}${pair[1]}`] = /^".*"$/.test(value)
        ? JSON.parse(value)
        : value;
    }
  }
  return values;
}
