// @ts-check

/**
 * Leases on the work replicas share: a request being provisioned (or rotated) and a replaced
 * secret being removed belong to one backend instance until the lease expires, so that several
 * instances work on different rows at once and a dead instance's work is taken over.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of [
    'camunda_entra_requests',
    'camunda_entra_secret_removals',
  ]) {
    await knex.schema.alterTable(table, t => {
      t.string('lease_owner')
        .nullable()
        .comment('Instance ID of the backend working on the row');
      t.dateTime('lease_expires_at', { useTz: true })
        .nullable()
        .comment('After this another instance may take the row over');
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'camunda_entra_secret_removals',
    'camunda_entra_requests',
  ]) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('lease_expires_at');
      t.dropColumn('lease_owner');
    });
  }
};
