import { mockServices } from '@backstage/backend-test-utils';
import {
  DeploymentSpec,
  SignInVerification,
} from '@camunda-entra/plugin-camunda-entra-common';
import path from 'path';
import { newRequest, testSpec } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { VerificationStore } from './VerificationStore';

const databases = createTestDatabases();
const TENANT = '6f1c2f43-0000-4000-8000-00000000000b';

const passed: SignInVerification = {
  verifiedAt: '2026-12-07T01:00:00.000Z',
  passed: true,
  checks: 12,
  problems: [],
};
const failed: SignInVerification = {
  verifiedAt: '2026-12-07T02:00:00.000Z',
  passed: false,
  checks: 12,
  problems: [
    {
      client: 'machine.ci',
      check: 'secret',
      message: 'the delivered secret obtains no token',
      entraError: 'AADSTS7000215',
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'VerificationStore on %s',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const requests = await DatabaseRequestStore.create({ database });
      const register = (spec: DeploymentSpec) =>
        requests.create(newRequest({ spec }));
      return {
        knex,
        register,
        registration: await register(
          testSpec({ tenant: { id: TENANT.toUpperCase() } }),
        ),
        store: await VerificationStore.create({ database }),
      };
    }
    const terms = (owner: string) => ({ owner, durationMs: 60_000 });

    it('keeps the last verification per deployment, whichever of its registrations ran it', async () => {
      const { store, register, registration } = await setup();
      const again = await register(testSpec({ tenant: { id: TENANT } }));
      const other = await register(
        testSpec({ name: 'billing', tenant: { id: TENANT } }),
      );
      expect(await store.last(registration)).toBeUndefined();

      expect(await store.begin(registration, terms('a'))).toBe(true);
      await store.finish(registration, 'a', failed);
      expect(await store.begin(again, terms('b'))).toBe(true);
      await store.finish(again, 'b', passed);

      expect(await store.last(registration)).toEqual(passed);
      expect(await store.last(other)).toBeUndefined();
    });

    it('runs one verification of a deployment at a time, until it finishes, is released or its lease expires', async () => {
      const { store, register, registration } = await setup();
      const other = await register(
        testSpec({ name: 'billing', tenant: { id: TENANT } }),
      );

      expect(await store.begin(registration, terms('a'))).toBe(true);
      expect(await store.begin(registration, terms('b'))).toBe(false);
      expect(await store.begin(other, terms('b'))).toBe(true);
      // Only the holder records a result.
      await store.finish(registration, 'b', failed);
      expect(await store.last(registration)).toBeUndefined();

      await store.finish(registration, 'a', passed);
      expect(await store.begin(registration, terms('b'))).toBe(true);
      await store.release(registration, 'b');
      expect(
        await store.begin(registration, { owner: 'c', durationMs: -1 }),
      ).toBe(true);
      expect(await store.begin(registration, terms('d'))).toBe(true);
      expect(await store.last(registration)).toEqual(passed);
    });

    it('migrates its table down and up again', async () => {
      const { knex } = await setup();
      const directory = path.resolve(__dirname, '../../migrations');

      await knex.migrate.down({
        directory,
        name: '20261207090000_verifications.js',
      });
      expect(await knex.schema.hasTable('camunda_entra_verifications')).toBe(
        false,
      );
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('camunda_entra_verifications')).toBe(
        true,
      );
    });
  },
);
