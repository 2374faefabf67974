import { DatabaseService } from '@backstage/backend-plugin-api';
import { SignInVerification } from '@camunda-entra/plugin-camunda-entra-common';
import { Knex } from 'knex';
import { migratedClient } from './migratedClient';
import { deploymentColumns } from './deploymentColumns';
import { LeaseTerms, RowLeases } from './RowLeases';
import { specOf } from './storedSpec';
import { StoredRequest } from './RequestStore';

const TABLE = 'camunda_entra_verifications';

/** A deployment as verifications are kept: its name and lower-cased tenant ID. */
type VerifiedDeployment = {
  deployment: string;
  tenant_id: string;
};

interface VerificationRow {
  deployment: string;
  tenant_id: string;
  request_id: string | null;
  verification: string | null;
}

/**
 * The last sign-in verification per deployment, and a lease so that one verification of a
 * deployment runs at a time across replicas. Each method takes the registration (the
 * provisioned request) of the deployment.
 */
export class VerificationStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<VerificationStore> {
    return new VerificationStore(await migratedClient(options.database));
  }

  private readonly leases: RowLeases<VerifiedDeployment>;

  private constructor(private readonly db: Knex) {
    this.leases = RowLeases.create<VerifiedDeployment>({
      db,
      table: TABLE,
      keyColumns: ['deployment', 'tenant_id'],
    });
  }

  /** Takes the deployment's lease; false while another verification holds it. */
  async begin(
    registration: StoredRequest,
    terms: LeaseTerms,
  ): Promise<boolean> {
    const key = keyOf(registration);
    await this.db(TABLE)
      .insert(key)
      .onConflict(['deployment', 'tenant_id'])
      .ignore();
    const claimed = await this.leases.claim(
      query => query.where(key),
      terms,
      1,
    );
    return claimed.length === 1;
  }

  /** Records the result of the verification `owner` ran and frees the lease. */
  async finish(
    registration: StoredRequest,
    owner: string,
    verification: SignInVerification,
  ): Promise<void> {
    await this.db(TABLE)
      .where(keyOf(registration))
      .where('lease_owner', owner)
      .update({
        request_id: registration.id,
        verification: JSON.stringify(verification),
        lease_owner: null,
        lease_expires_at: null,
      });
  }

  /** Frees the lease of a verification that ended without a result. */
  release(registration: StoredRequest, owner: string): Promise<void> {
    return this.leases.release(keyOf(registration), owner);
  }

  async last(
    registration: StoredRequest,
  ): Promise<SignInVerification | undefined> {
    const row: VerificationRow | undefined = await this.db(TABLE)
      .where(keyOf(registration))
      .first();
    return row?.verification ? JSON.parse(row.verification) : undefined;
  }
}

function keyOf(registration: StoredRequest): VerifiedDeployment {
  return deploymentColumns(specOf(registration));
}
