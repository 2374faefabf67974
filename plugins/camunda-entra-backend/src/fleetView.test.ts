import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ExpiryTimeline,
  FleetPage,
} from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraDirectoryServiceRef } from '@camunda-entra/plugin-camunda-entra-node';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import request from 'supertest';
import { FakeDirectory } from './__testUtils__/FakeDirectory';
import { seedFleet } from './__testUtils__/fleet';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { FleetStatusStore } from './database/FleetStatusStore';
import { camundaEntraPlugin } from './plugin';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const MALLORY = 'user:default/mallory';
const PAYMENTS = 'group:default/payments-team';
const BILLING = 'group:default/billing-team';
const as = (user: string) => mockCredentials.user.header(user);

/** The groups each user owns through, as sign-in puts them into the token. */
const GROUPS: Record<string, string[]> = {
  [ALICE]: [PAYMENTS],
  [BOB]: ['group:default/platform-team'],
  [MALLORY]: ['group:default/intruders'],
};

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();

describe('the fleet view’s API (GET /deployments, GET /deployments/expiry-timeline)', () => {
  const databases = createTestDatabases();
  let secretsDir: string;

  beforeEach(async () => {
    secretsDir = await mkdtemp(path.join(tmpdir(), 'camunda-entra-secrets-'));
  });
  afterEach(async () => {
    await rm(secretsDir, { recursive: true, force: true });
  });

  /** 12 deployments: payments-0..5 of payments-team, billing-0..5 of billing-team. */
  async function start() {
    const knex = await databases.init('SQLITE_3');
    const fleet = await FleetStatusStore.create({
      database: mockServices.database({ knex }),
    });
    await seedFleet(
      knex,
      fleet,
      ['payments', 'billing'].flatMap((team, t) =>
        Array.from({ length: 6 }, (_, i) => ({
          deployment: `${team}-${i}`,
          owner: t === 0 ? PAYMENTS : BILLING,
          entityRef: `component:default/camunda-${team}-${i}`,
          ...(i > 0 && {
            health: (['ok', 'warning', 'error'] as const)[i % 3],
          }),
          driftCount: i,
          // payments-1 expired 3 days ago, then 5, 20, 100, 200 days ahead.
          secrets:
            i > 0
              ? [
                  {
                    client: 'orchestration',
                    endDateTime: inDays([-3, 5, 20, 100, 200][i - 1] + t),
                  },
                ]
              : [],
        })),
      ),
    );
    const authorize = jest.fn(
      async (requests: Array<unknown>, { credentials }) =>
        requests.map(() => ({
          result:
            credentials.principal.userEntityRef === BOB
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    );
    const { server } = await startTestBackend({
      features: [
        camundaEntraPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              secretSink: { type: 'local', local: { directory: secretsDir } },
              approval: { approvers: ['group:default/platform-team'] },
            },
          },
        }),
        mockServices.permissions.mock({ authorize: authorize as any }).factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: jest.fn() }),
        }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            getUserInfo: async (credentials: any) => {
              const ref = credentials.principal.userEntityRef;
              return {
                userEntityRef: ref,
                ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
              };
            },
          }),
        }),
        catalogServiceMock.factory({ entities: [] }),
        createServiceFactory({
          service: camundaEntraDirectoryServiceRef,
          deps: {},
          factory: () => new FakeDirectory(),
        }),
      ],
    });
    const list = async (user: string, query: Record<string, string> = {}) => {
      const response = await request(server)
        .get('/api/camunda-entra/deployments')
        .query(query)
        .set('Authorization', as(user));
      expect(response.status).toBe(200);
      return response.body as FleetPage;
    };
    return { server, list };
  }

  const names = (page: FleetPage) => page.items.map(item => item.deployment);

  it('shows an approver every deployment, sorted, filtered and searched on the server', async () => {
    const { list } = await start();

    const all = await list(BOB);
    expect(all.totalCount).toBe(12);
    expect(names(all)[0]).toBe('billing-0');
    expect(all.items.find(i => i.deployment === 'payments-0')).toEqual({
      deployment: 'payments-0',
      entityRef: 'component:default/camunda-payments-0',
      owner: PAYMENTS,
      chart: '8.8',
      namespace: 'payments-0-camunda',
      health: 'unknown',
      driftCount: 0,
      openRequests: 0,
    });
    expect(all.items.find(i => i.deployment === 'payments-1')).toMatchObject({
      health: 'warning',
      driftCount: 1,
      nextExpiry: { client: 'orchestration', status: 'expired' },
      checkedAt: expect.any(String),
    });

    expect(
      names(
        await list(BOB, {
          health: 'error,unknown',
          sort: 'driftCount',
          order: 'desc',
        }),
      ),
    ).toEqual([
      'payments-5',
      'billing-5',
      'payments-2',
      'billing-2',
      'payments-0',
      'billing-0',
    ]);
    expect(
      names(await list(BOB, { expiringWithinDays: '7', sort: 'nextExpiry' })),
    ).toEqual(['payments-1', 'billing-1', 'payments-2', 'billing-2']);
    expect(
      names(
        await list(BOB, {
          expiringFrom: inDays(19).slice(0, 10),
          expiringTo: inDays(23).slice(0, 10),
        }),
      ),
    ).toEqual(['billing-3', 'payments-3']);
    expect(names(await list(BOB, { owner: BILLING, search: 'G-4' }))).toEqual([
      'billing-4',
    ]);
    expect(
      names(await list(BOB, { sort: 'health', order: 'desc', limit: '3' })),
    ).toEqual(['payments-5', 'payments-2', 'billing-5']);
  });

  it('pages with nextCursor through every deployment once', async () => {
    const { list } = await start();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(BOB, {
        sort: 'nextExpiry',
        limit: '5',
        ...(cursor && { cursor }),
      });
      expect(page.totalCount).toBe(12);
      seen.push(...names(page));
      cursor = page.nextCursor;
    } while (cursor);

    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen.slice(0, 3)).toEqual(['payments-1', 'billing-1', 'payments-2']);
  });

  it('shows others only the deployments their groups own, and a stranger none', async () => {
    const { list, server } = await start();

    const alice = await list(ALICE, { limit: '4' });
    expect(alice.totalCount).toBe(6);
    expect(names(alice)).toEqual([
      'payments-0',
      'payments-1',
      'payments-2',
      'payments-3',
    ]);
    expect((await list(ALICE, { owner: BILLING })).totalCount).toBe(0);
    expect(await list(MALLORY)).toEqual({ items: [], totalCount: 0 });

    const timeline = await request(server)
      .get('/api/camunda-entra/deployments/expiry-timeline')
      .set('Authorization', as(MALLORY));
    expect(timeline.status).toBe(200);
    expect(
      (timeline.body as ExpiryTimeline).weeks.every(week =>
        Object.values(week.counts).every(count => count === 0),
      ),
    ).toBe(true);
  });

  it('counts the secrets of each of 26 weeks from this Monday by their status today, the expired in the first week', async () => {
    const { server } = await start();
    const timeline = async (user: string) => {
      const response = await request(server)
        .get('/api/camunda-entra/deployments/expiry-timeline')
        .set('Authorization', as(user));
      expect(response.status).toBe(200);
      return response.body as ExpiryTimeline;
    };

    const { weeks } = await timeline(BOB);
    expect(weeks).toHaveLength(26);
    const monday = new Date(`${weeks[0].start}T00:00:00Z`);
    expect(monday.getUTCDay()).toBe(1);
    expect(Date.now() - monday.getTime()).toBeLessThan(7 * DAY);
    expect(weeks[1].start).toBe(
      new Date(monday.getTime() + 7 * DAY).toISOString().slice(0, 10),
    );
    const total = (status: keyof ExpiryTimeline['weeks'][number]['counts']) =>
      weeks.reduce((sum, week) => sum + week.counts[status], 0);
    // Two expired, two critical (5-6 days), two expiring (20-21), two ok (100-101); 200 days
    // is past the 26 weeks.
    expect(weeks[0].counts.expired).toBe(2);
    expect([
      total('expired'),
      total('critical'),
      total('expiring'),
      total('ok'),
    ]).toEqual([2, 2, 2, 2]);
    const weekOf = (days: number) =>
      Math.floor((Date.now() + days * DAY - monday.getTime()) / (7 * DAY));
    expect(weeks[weekOf(100)].counts.ok).toBeGreaterThanOrEqual(1);

    const alice = await timeline(ALICE);
    expect(
      alice.weeks.reduce(
        (sum, w) =>
          sum +
          w.counts.expired +
          w.counts.critical +
          w.counts.expiring +
          w.counts.ok,
        0,
      ),
    ).toBe(4);
  });

  it.each([
    [
      { health: 'ok,broken' },
      /^health\b.*must be a list of ok, warning, error, unknown/,
    ],
    [{ limit: '0' }, /^limit: must be a whole number from 1 to 500/],
    [{ limit: 'ten' }, /^limit: must be a whole number from 1 to 500/],
    [
      { expiringWithinDays: '-1' },
      /^expiringWithinDays: must be a whole number/,
    ],
    [{ sort: 'name' }, /^sort: /],
    [{ order: 'up' }, /^order: /],
    [
      { expiringFrom: '2027-01-04' },
      /^expiringTo: expiringFrom and expiringTo go together/,
    ],
    [
      { expiringFrom: '2027-01-11', expiringTo: '2027-01-04' },
      /^expiringTo: must be after expiringFrom/,
    ],
    [
      { expiringFrom: 'soon', expiringTo: '2027-01-04' },
      /^expiringFrom: must be an ISO 8601 date/,
    ],
    [{ cursor: 'abc' }, /^cursor: is not a nextCursor of this API/],
    [{ colour: 'red' }, /colour/],
  ])('answers 400 naming the parameter for %j', async (query, message) => {
    const { server } = await start();

    const response = await request(server)
      .get('/api/camunda-entra/deployments')
      .query(query)
      .set('Authorization', as(BOB));

    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('answers 400 for a parameter given twice', async () => {
    const { server } = await start();

    const response = await request(server)
      .get('/api/camunda-entra/deployments?sort=owner&sort=health')
      .set('Authorization', as(BOB));

    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^sort: /);
  });
});
