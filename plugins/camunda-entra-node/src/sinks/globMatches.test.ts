import { globMatches } from './globMatches';

describe('globMatches', () => {
  it('matches * against any run of characters, including none', () => {
    expect(globMatches('team-*', 'team-a')).toBe(true);
    expect(globMatches('team-*', 'team-')).toBe(true);
    expect(globMatches('*-prod', 'payments-prod')).toBe(true);
    expect(globMatches('*', 'anything')).toBe(true);
  });

  it('matches the whole value, not a part of it', () => {
    expect(globMatches('team-*', 'my-team-a')).toBe(false);
    expect(globMatches('payments', 'payments-prod')).toBe(false);
  });

  it('takes every other character literally', () => {
    expect(globMatches('a.b', 'axb')).toBe(false);
    expect(globMatches('a.b', 'a.b')).toBe(true);
    expect(globMatches('(a|b)', 'a')).toBe(false);
  });
});
