import { mockServices } from '@backstage/backend-test-utils';
import { FLEET_TENANT, seedFleet } from '../__testUtils__/fleet';
import { recordProvisionedRequest, testSpec } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { FleetListQuery, FleetStatusStore } from './FleetStatusStore';
import { VerificationStore } from './VerificationStore';

const databases = createTestDatabases();

const PAYMENTS = 'group:default/payments-team';
const BILLING = 'group:default/billing-team';
const ALL = { all: true } as const;

const query = (overrides: Partial<FleetListQuery> = {}): FleetListQuery => ({
  sort: 'deployment',
  order: 'asc',
  limit: 50,
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'FleetStatusStore on %s',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const fleet = await FleetStatusStore.create({ database });
      return { knex, database, fleet };
    }

    /** Five deployments of two owners, one never checked. */
    async function seeded() {
      const context = await setup();
      await seedFleet(context.knex, context.fleet, [
        {
          deployment: 'alpha',
          owner: PAYMENTS,
          entityRef: 'component:default/camunda-alpha',
          health: 'ok',
          secrets: [
            { client: 'orchestration', endDateTime: '2027-03-01T00:00:00Z' },
            { client: 'optimize', endDateTime: '2027-01-10T00:00:00Z' },
          ],
        },
        {
          deployment: 'bravo',
          owner: BILLING,
          chart: '8.9',
          health: 'error',
          driftCount: 3,
          secrets: [
            { client: 'orchestration', endDateTime: '2026-12-01T00:00:00Z' },
          ],
        },
        {
          deployment: 'charlie',
          owner: PAYMENTS,
          namespace: 'Ledger_100%',
          health: 'warning',
          driftCount: 1,
          secrets: [
            { client: 'identity', endDateTime: '2027-01-05T12:00:00Z' },
          ],
        },
        { deployment: 'delta', owner: BILLING },
        { deployment: 'echo', health: 'ok' },
      ]);
      return context;
    }

    const names = (page: { items: Array<{ deployment: string }> }) =>
      page.items.map(item => item.deployment);

    it('lists a registered deployment never checked as unknown, and a checked one with its drift and first expiry', async () => {
      const { fleet } = await seeded();
      const page = await fleet.list(query(), ALL);

      expect(page.totalCount).toBe(5);
      expect(page.items.find(i => i.deployment === 'delta')).toEqual({
        tenantId: FLEET_TENANT,
        deployment: 'delta',
        owner: BILLING,
        chart: '8.8',
        namespace: 'delta-camunda',
        health: 'unknown',
        driftCount: 0,
        openRequests: 0,
      });
      expect(page.items.find(i => i.deployment === 'alpha')).toMatchObject({
        entityRef: 'component:default/camunda-alpha',
        health: 'ok',
        driftCount: 0,
        nextExpiry: {
          client: 'optimize',
          endDateTime: '2027-01-10T00:00:00.000Z',
        },
        checkedAt: expect.any(String),
      });
    });

    it('filters by health, owner (any case), expiry before a date and within a week, and searches with LIKE characters taken literally', async () => {
      const { fleet } = await seeded();

      expect(
        names(await fleet.list(query({ health: ['error', 'unknown'] }), ALL)),
      ).toEqual(['bravo', 'delta']);
      expect(
        names(
          await fleet.list(
            query({ owner: 'Group:default/Payments-Team' }),
            ALL,
          ),
        ),
      ).toEqual(['alpha', 'charlie']);
      expect(
        names(
          await fleet.list(
            query({ expiringBefore: '2027-01-06T00:00:00.000Z' }),
            ALL,
          ),
        ),
      ).toEqual(['bravo', 'charlie']);
      // Any of its secrets, not only the first to end.
      expect(
        names(
          await fleet.list(
            query({
              expiring: {
                from: '2027-03-01T00:00:00.000Z',
                to: '2027-03-08T00:00:00.000Z',
              },
            }),
            ALL,
          ),
        ),
      ).toEqual(['alpha']);
      expect(
        names(await fleet.list(query({ search: 'ledger_100%' }), ALL)),
      ).toEqual(['charlie']);
      expect(names(await fleet.list(query({ search: '_' }), ALL))).toEqual([
        'charlie',
      ]);
      expect(
        names(await fleet.list(query({ search: 'BILLING' }), ALL)),
      ).toEqual(['bravo', 'delta']);
      expect(
        names(await fleet.list(query({ search: 'camunda-alpha' }), ALL)),
      ).toEqual(['alpha']);
    });

    it('sorts by each key both ways, unknown health lowest and deployments without secrets last by expiry', async () => {
      const { fleet } = await seeded();
      const sorted = async (
        sort: FleetListQuery['sort'],
        order: FleetListQuery['order'],
      ) => names(await fleet.list(query({ sort, order }), ALL));

      expect(await sorted('health', 'desc')).toEqual([
        'bravo',
        'charlie',
        'echo',
        'alpha',
        'delta',
      ]);
      expect(await sorted('health', 'asc')).toEqual([
        'delta',
        'alpha',
        'echo',
        'charlie',
        'bravo',
      ]);
      expect(await sorted('nextExpiry', 'asc')).toEqual([
        'bravo',
        'charlie',
        'alpha',
        'delta',
        'echo',
      ]);
      expect(await sorted('driftCount', 'desc')).toEqual([
        'bravo',
        'charlie',
        'echo',
        'delta',
        'alpha',
      ]);
      expect(await sorted('owner', 'asc')).toEqual([
        'echo',
        'bravo',
        'delta',
        'alpha',
        'charlie',
      ]);
      expect(await sorted('chart', 'desc')).toEqual([
        'bravo',
        'echo',
        'delta',
        'charlie',
        'alpha',
      ]);
    });

    it('pages with a cursor through every match once, in order, whatever the sort', async () => {
      const { fleet } = await seeded();
      for (const sort of ['health', 'owner', 'nextExpiry'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const whole = names(await fleet.list(query({ sort, order }), ALL));
          const paged: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await fleet.list(
              query({ sort, order, limit: 2, ...(cursor && { cursor }) }),
              ALL,
            );
            expect(page.totalCount).toBe(5);
            paged.push(...names(page));
            cursor = page.nextCursor;
          } while (cursor);
          expect(paged).toEqual(whole);
        }
      }
    });

    it('refuses a cursor that is not one, or belongs to another sort', async () => {
      const { fleet } = await seeded();
      const { nextCursor } = await fleet.list(query({ limit: 2 }), ALL);

      await expect(
        fleet.list(query({ cursor: 'not-a-cursor' }), ALL),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'cursor: is not a nextCursor of this API',
      });
      await expect(
        fleet.list(query({ cursor: nextCursor, order: 'desc' }), ALL),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(
          'cursor: belongs to the sort deployment asc, not deployment desc',
        ),
      });
    });

    it('shows owners only their deployments, decided in the query, counts and timeline alike', async () => {
      const { fleet } = await seeded();
      const payments = {
        owners: ['user:default/alice', PAYMENTS.toUpperCase()],
      };

      const page = await fleet.list(query({ limit: 1 }), payments);
      expect(names(page)).toEqual(['alpha']);
      expect(page.totalCount).toBe(2);
      expect(names(await fleet.list(query(), { owners: [] }))).toEqual([]);
      expect(
        (
          await fleet.secretsEndingBefore('2027-02-01T00:00:00.000Z', payments)
        ).sort(),
      ).toEqual(['2027-01-05T12:00:00.000Z', '2027-01-10T00:00:00.000Z']);
      expect(
        await fleet.secretsEndingBefore('2027-02-01T00:00:00.000Z', ALL),
      ).toHaveLength(3);
    });

    it('replaces a deployment’s secrets with each check, and keeps its last state when recorded again unchecked', async () => {
      const { fleet } = await seeded();
      const entry = {
        tenantId: FLEET_TENANT.toUpperCase(),
        deployment: 'alpha',
        chart: '8.10' as const,
        namespace: 'alpha-camunda',
      };
      await fleet.record(entry, {
        health: 'warning',
        checkedAt: '2026-12-07T04:00:00Z',
        components: [
          {
            client: 'orchestration',
            drift: [],
            secrets: [
              {
                keyId: 'k-new',
                endDateTime: '2027-06-01T00:00:00Z',
                daysLeft: 176,
                status: 'ok',
              },
            ],
          },
        ],
      });
      await fleet.record(entry);

      const [alpha] = (await fleet.list(query({ search: 'alpha' }), ALL)).items;
      expect(alpha).toMatchObject({
        chart: '8.10',
        health: 'warning',
        checkedAt: '2026-12-07T04:00:00.000Z',
        nextExpiry: {
          client: 'orchestration',
          endDateTime: '2027-06-01T00:00:00.000Z',
        },
      });
      expect(alpha).not.toHaveProperty('entityRef');
      expect(
        (await fleet.listWatchedSecrets()).filter(
          s => s.deployment === 'alpha',
        ),
      ).toEqual([
        {
          deployment: 'alpha',
          client: 'orchestration',
          keyId: 'k-new',
          endDateTime: '2027-06-01T00:00:00.000Z',
        },
      ]);
      expect(await fleet.listHealth()).toEqual([
        { deployment: 'alpha', health: 'warning' },
        { deployment: 'bravo', health: 'error' },
        { deployment: 'charlie', health: 'warning' },
        { deployment: 'delta', health: 'unknown' },
        { deployment: 'echo', health: 'ok' },
      ]);
    });

    it('counts a deployment’s open requests and shows its last verification', async () => {
      const { database, fleet } = await setup();
      const requests = await DatabaseRequestStore.create({ database });
      const spec = testSpec({ name: 'golf', tenant: { id: FLEET_TENANT } });
      const registration = await recordProvisionedRequest(requests, spec, []);
      const open = await requests.create({
        id: 'rotation-1',
        kind: 'rotate',
        spec,
        plan: registration.plan,
        requester: 'user:default/alice',
        client: 'orchestration',
        events: [{ state: 'pending', actor: 'user:default/alice' }],
      });
      const verifications = await VerificationStore.create({ database });
      await verifications.begin(registration, {
        owner: 'a',
        durationMs: 60_000,
      });
      await verifications.finish(registration, 'a', {
        verifiedAt: '2026-12-07T03:00:00.000Z',
        passed: false,
        checks: 3,
        problems: [],
      });
      await fleet.record({
        tenantId: FLEET_TENANT,
        deployment: 'golf',
        chart: spec.chart,
        namespace: spec.namespace,
      });

      const [golf] = (await fleet.list(query(), ALL)).items;
      expect(golf).toMatchObject({
        deployment: 'golf',
        owner: PAYMENTS,
        openRequests: 1,
        lastVerification: {
          verifiedAt: '2026-12-07T03:00:00.000Z',
          passed: false,
        },
      });
      expect(open.state).toBe('pending');
    });
  },
);
