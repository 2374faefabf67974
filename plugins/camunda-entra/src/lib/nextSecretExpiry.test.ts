import {
  createComponentStatus,
  createSecretStatus as secret,
} from '../__testUtils__/entityStatus';
import { nextSecretExpiry } from './nextSecretExpiry';

describe('nextSecretExpiry', () => {
  it('names the client whose newest secret ends first', () => {
    const next = nextSecretExpiry([
      createComponentStatus({
        client: 'orchestration',
        secrets: [secret('o', 180)],
      }),
      createComponentStatus({
        client: 'optimize',
        // The older secret is a replaced one in its grace period: the client lives on.
        secrets: [secret('old', 1), secret('new', 90)],
      }),
      createComponentStatus({ client: 'webModelerUi', secrets: [] }),
    ]);
    expect(next).toEqual({
      client: 'optimize',
      secret: expect.objectContaining({ keyId: 'new' }),
    });
  });

  it('counts a client whose only secret has expired', () => {
    const next = nextSecretExpiry([
      createComponentStatus({
        client: 'orchestration',
        secrets: [secret('o', 180)],
      }),
      createComponentStatus({
        client: 'identity',
        secrets: [secret('i', -3, 'expired')],
      }),
    ]);
    expect(next?.client).toBe('identity');
  });

  it('is undefined without any secret', () => {
    expect(
      nextSecretExpiry([createComponentStatus({ secrets: [] })]),
    ).toBeUndefined();
  });
});
