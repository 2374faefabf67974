import { formatSpecProblems } from './specProblems';

describe('formatSpecProblems', () => {
  it('names each field, and the spec as a whole where a problem has none', () => {
    expect(
      formatSpecProblems([
        { field: 'name', message: 'must be a DNS label' },
        { field: '', message: 'needs Management Identity' },
      ]),
    ).toBe('name: must be a DNS label; (spec): needs Management Identity');
  });
});
