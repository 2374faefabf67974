import { workUnderLease } from './workUnderLease';

/** Resolves once `check` holds, polling for at most two seconds. */
async function eventually(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  expect(check()).toBe(true);
}

describe('workUnderLease', () => {
  it('renews the lease while the work runs and stops renewing after it', async () => {
    let renewals = 0;
    const renewal = {
      renew: async () => {
        renewals += 1;
        return true;
      },
      everyMs: 10,
    };
    const result = await workUnderLease(
      renewal,
      new AbortController().signal,
      async signal => {
        await eventually(() => renewals >= 3);
        expect(signal.aborted).toBe(false);
        return 'done';
      },
    );
    expect(result).toBe('done');
    const after = renewals;
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(renewals).toBe(after);
  });

  it.each([
    ['lost', async () => false, 'taken over by another instance'],
    [
      'not renewable',
      async () => {
        throw new Error('database unreachable');
      },
      'could not be renewed: Error: database unreachable',
    ],
  ])('aborts the work when the lease is %s', async (_, renew, reason) => {
    const seen = await workUnderLease(
      { renew, everyMs: 10 },
      new AbortController().signal,
      async signal => {
        await eventually(() => signal.aborted);
        return signal.reason;
      },
    );
    expect(String(seen)).toContain(reason);
  });

  it('stops renewing once aborted, even when the work never ends', async () => {
    const stop = new AbortController();
    let renewals = 0;
    workUnderLease(
      {
        renew: async () => {
          renewals += 1;
          return true;
        },
        everyMs: 10,
      },
      stop.signal,
      () => new Promise(() => {}),
    );
    await eventually(() => renewals >= 1);
    stop.abort();
    const after = renewals;
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(renewals).toBe(after);
  });

  it('aborts the work when the backend stops', async () => {
    const stop = new AbortController();
    const work = workUnderLease(
      { renew: async () => true, everyMs: 1000 },
      stop.signal,
      signal =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
    );
    stop.abort(new Error('backend stopping'));
    await expect(work).rejects.toThrow('backend stopping');
  });
});
