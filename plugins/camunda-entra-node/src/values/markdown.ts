/** Markdown pieces of the generated README. */

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown table with padded columns, readable as plain text (and as Prettier lays it out). */
export function table(headers: string[], rows: string[][]): string[] {
  const cells = [headers, ...rows].map(row => row.map(cell));
  const widths = headers.map((_, column) =>
    Math.max(3, ...cells.map(row => row[column].length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((text, column) => text.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(cells[0]),
    line(widths.map(width => '-'.repeat(width))),
    ...cells.slice(1).map(line),
  ];
}

export function code(text: string): string {
  return `\`${text}\``;
}

export function fence(language: string, lines: string[]): string[] {
  return [`\`\`\`${language}`, ...lines, '```'];
}
