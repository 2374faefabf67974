import { unifiedDiff } from './unifiedDiff';

const lines = (...items: string[]) => `${items.join('\n')}\n`;

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a.yaml', 'x\n', 'x\n')).toBe('');
  });

  it('prints one hunk with three lines of context, removals first', () => {
    const before = lines('1', '2', '3', '4', '5', '6', '7', '8', '9');
    const after = lines('1', '2', '3', '4', 'five', '6', '7', '8', '9');
    expect(unifiedDiff('values.yaml', before, after)).toBe(
      lines(
        '--- a/values.yaml',
        '+++ b/values.yaml',
        '@@ -2,7 +2,7 @@',
        ' 2',
        ' 3',
        ' 4',
        '-5',
        '+five',
        ' 6',
        ' 7',
        ' 8',
      ),
    );
  });

  it('splits changes further apart than twice the context into hunks', () => {
    const before = lines(...Array.from({ length: 20 }, (_, i) => `${i + 1}`));
    const after = before.replace('2\n', 'two\n').replace('18\n', '');
    expect(unifiedDiff('f', before, after)).toBe(
      lines(
        '--- a/f',
        '+++ b/f',
        '@@ -1,5 +1,5 @@',
        ' 1',
        '-2',
        '+two',
        ' 3',
        ' 4',
        ' 5',
        '@@ -15,6 +15,5 @@',
        ' 15',
        ' 16',
        ' 17',
        '-18',
        ' 19',
        ' 20',
      ),
    );
  });

  it('joins changes six unchanged lines apart into one hunk, as diff -u does', () => {
    const before = lines(...Array.from({ length: 12 }, (_, i) => `${i + 1}`));
    const after = before.replace('3\n', 'three\n').replace('10\n', 'ten\n');
    expect(unifiedDiff('f', before, after)).toBe(
      lines(
        '--- a/f',
        '+++ b/f',
        '@@ -1,12 +1,12 @@',
        ' 1',
        ' 2',
        '-3',
        '+three',
        ' 4',
        ' 5',
        ' 6',
        ' 7',
        ' 8',
        ' 9',
        '-10',
        '+ten',
        ' 11',
        ' 12',
      ),
    );
  });

  it('diffs an added and a removed file against /dev/null', () => {
    expect(unifiedDiff('new.yaml', undefined, lines('a', 'b'))).toBe(
      lines('--- /dev/null', '+++ b/new.yaml', '@@ -0,0 +1,2 @@', '+a', '+b'),
    );
    expect(unifiedDiff('old.yaml', lines('a'), undefined)).toBe(
      lines('--- a/old.yaml', '+++ /dev/null', '@@ -1 +0,0 @@', '-a'),
    );
  });
});
