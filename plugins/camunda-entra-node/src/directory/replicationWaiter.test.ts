import { ReplicationWaiter, VisibilityProbe } from './replicationWaiter';
import { withAbortSignal } from './retry';

const policy = { firstPollMs: 100, maxPollMs: 400, timeoutMs: 5_000 };

/** A directory where each object becomes visible `delayMs` after its creation. */
function fakeDirectory(delayMs: number) {
  let clock = 0;
  const createdAt = new Map<string, number>();
  const probes: string[][] = [];
  const probe: VisibilityProbe = async (_collection, ids) => {
    probes.push(ids);
    return new Set(ids.filter(id => clock - createdAt.get(id)! >= delayMs));
  };
  const waiter = new ReplicationWaiter(probe, policy, {
    now: () => clock,
    sleep: async ms => {
      clock += ms;
    },
  });
  const create = (id: string) => {
    createdAt.set(id, clock);
    return id;
  };
  return { waiter, probes, create, now: () => clock };
}

describe('ReplicationWaiter', () => {
  it('polls once per round for every pending object of a collection', async () => {
    const d = fakeDirectory(1_500);
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'].map(d.create);
    await Promise.all(ids.map(id => d.waiter.visible('applications', id)));
    expect(d.probes.every(round => round.length === 6)).toBe(true);
    // 100, 100, 200, 400, 400, 400: seen at 1,600 ms, within one short poll of 1,500.
    expect(d.probes).toHaveLength(6);
    expect(d.now()).toBe(1_600);
  });

  it('starts the next wait near the delay it observed', async () => {
    const d = fakeDirectory(1_500);
    await d.waiter.visible('applications', d.create('app'));
    const before = d.probes.length;
    await d.waiter.visible('servicePrincipals', d.create('sp'));
    expect(d.probes.length - before).toBeLessThanOrEqual(2);
  });

  it('lets the caller go on after its time budget', async () => {
    const d = fakeDirectory(60_000);
    await d.waiter.visible('applications', d.create('slow'));
    expect(d.now()).toBeGreaterThanOrEqual(policy.timeoutMs);
    expect(d.now()).toBeLessThan(policy.timeoutMs + 500);
  });

  it('lets the caller go on when the probe fails', async () => {
    const waiter = new ReplicationWaiter(
      async () => {
        throw new Error('403');
      },
      policy,
      { sleep: async () => {} },
    );
    await expect(waiter.visible('applications', 'x')).resolves.toBeUndefined();
  });

  it("ends an aborted caller's wait, not the others'", async () => {
    const d = fakeDirectory(1_000);
    const controller = new AbortController();
    const aborted = withAbortSignal(controller.signal, () =>
      d.waiter.visible('applications', d.create('a')),
    );
    const other = d.waiter.visible('applications', d.create('b'));
    controller.abort(new Error('lease lost'));
    await expect(aborted).rejects.toThrow('lease lost');
    await expect(other).resolves.toBeUndefined();
  });
});
