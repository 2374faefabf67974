/** Lines of unchanged text shown around each change, as `diff -u` does. */
const DEFAULT_CONTEXT = 3;

type Edit = { op: ' ' | '-' | '+'; line: string };

function linesOf(text: string): string[] {
  if (text === '') {
    return [];
  }
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/**
 * The shortest edit script from `a` to `b` by longest common subsequence: generated files are
 * a few hundred lines, so the quadratic table is small.
 */
function edits(a: string[], b: string[]): Edit[] {
  const common = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] =
        a[i] === b[j]
          ? common[i + 1][j + 1] + 1
          : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const script: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      script.push({ op: ' ', line: a[i++] });
      j++;
    } else if (
      i < a.length &&
      (j === b.length || common[i + 1][j] >= common[i][j + 1])
    ) {
      // Removals before additions within a change, as diff prints them.
      script.push({ op: '-', line: a[i++] });
    } else {
      script.push({ op: '+', line: b[j++] });
    }
  }
  return script;
}

/** `start,count` of a hunk header; an empty range starts at the line before it. */
function range(start: number, count: number): string {
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/**
 * A unified diff (`diff -u` format, without timestamps) from `oldText` to `newText`, or an
 * empty string when they are equal. A file that does not exist on one side is given as
 * undefined and named `/dev/null` there.
 *
 * @public
 */
export function unifiedDiff(
  path: string,
  oldText: string | undefined,
  newText: string | undefined,
  options: { context?: number } = {},
): string {
  if (oldText === newText) {
    return '';
  }
  const context = options.context ?? DEFAULT_CONTEXT;
  const script = edits(linesOf(oldText ?? ''), linesOf(newText ?? ''));
  const changed = script.flatMap((edit, index) =>
    edit.op === ' ' ? [] : [index],
  );
  const out = [
    `--- ${oldText === undefined ? '/dev/null' : `a/${path}`}`,
    `+++ ${newText === undefined ? '/dev/null' : `b/${path}`}`,
  ];
  // Line numbers before each edit, on both sides.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  script.reduce(
    ([o, n], edit, index) => {
      oldLine[index] = o;
      newLine[index] = n;
      return [o + (edit.op === '+' ? 0 : 1), n + (edit.op === '-' ? 0 : 1)];
    },
    [1, 1],
  );
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = changed[k];
    // Changes at most twice the context apart (unchanged lines between) share a hunk.
    while (k + 1 < changed.length && changed[k + 1] - end - 1 <= 2 * context) {
      end = changed[++k];
    }
    k++;
    const stop = Math.min(script.length, end + context + 1);
    const hunk = script.slice(start, stop);
    const oldCount = hunk.filter(edit => edit.op !== '+').length;
    const newCount = hunk.filter(edit => edit.op !== '-').length;
    out.push(
      `@@ -${range(oldLine[start], oldCount)} +${range(
        newLine[start],
        newCount,
      )} @@`,
      ...hunk.map(edit => `${edit.op}${edit.line}`),
    );
  }
  return `${out.join('\n')}\n`;
}
