import { describeSpecProblems } from './specProblems';

describe('describeSpecProblems', () => {
  it('names each field, and the spec as a whole where a problem has none', () => {
    expect(
      describeSpecProblems([
        { field: 'name', message: 'must be a DNS label' },
        { field: '', message: 'needs Management Identity' },
      ]),
    ).toBe('name: must be a DNS label; (spec): needs Management Identity');
  });
});
