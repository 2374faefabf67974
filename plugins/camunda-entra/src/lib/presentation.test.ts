import { clientLabel, describeAge, describeSecretExpiry } from './presentation';

describe('describeSecretExpiry', () => {
  it.each([
    [30, 'ok', 'Expires in 30 days'],
    [1, 'critical', 'Expires tomorrow'],
    [0, 'critical', 'Expires today'],
    [0, 'expired', 'Expired today'],
    [-1, 'expired', 'Expired yesterday'],
    [-3, 'expired', 'Expired 3 days ago'],
  ] as const)('%i days left, %s: %s', (daysLeft, status, text) => {
    expect(describeSecretExpiry({ daysLeft, status })).toBe(text);
  });
});

describe('describeAge', () => {
  it.each([
    [5, '1 minute ago'],
    [600, '10 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [3 * 86400, '3 days ago'],
  ])('%i seconds: %s', (seconds, text) => {
    expect(describeAge(seconds)).toBe(text);
  });
});

describe('clientLabel', () => {
  it('names known clients and keeps unknown keys', () => {
    expect(clientLabel('webModelerUi')).toBe('Web Modeler UI');
    expect(clientLabel('machine.payments-worker')).toBe(
      'Machine client payments-worker',
    );
    expect(clientLabel('tasklist')).toBe('tasklist');
  });
});
