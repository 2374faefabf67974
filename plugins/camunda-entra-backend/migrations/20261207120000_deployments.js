// @ts-check

/**
 * One row per deployment name and tenant: the reservation its first request takes, and the
 * owner recorded with its registration. The primary key makes the reservation unique on SQLite
 * and PostgreSQL alike, so two teams' requests for one name cannot both hold it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('camunda_entra_deployments', table => {
    table.comment(
      'Deployment names reserved or registered in a tenant, with their recorded owners',
    );
    table.string('tenant_id').notNullable().comment('Lower-cased tenant ID');
    table.string('deployment').notNullable().comment("The spec's name");
    table
      .string('owner')
      .nullable()
      .comment(
        'Entity ref of the owning group or user; null for registrations recorded before owners were',
      );
    table
      .string('entity_ref')
      .nullable()
      .comment(
        'Lower-cased ref of the catalog entity the deployment belongs to; one deployment per entity',
      );
    table.string('namespace').notNullable();
    table
      .string('request_id')
      .notNullable()
      .comment('The request that reserved the name');
    table
      .boolean('registered')
      .notNullable()
      .comment(
        'Whether applications may exist: set before the first directory write, so a reservation is released only when nothing was registered',
      );
    table.dateTime('created_at', { useTz: true }).notNullable();
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.primary(['tenant_id', 'deployment']);
    table.unique(['entity_ref'], {
      indexName: 'camunda_entra_deployments_entity_idx',
    });
  });

  // Names provisioned before this migration are registered, without a recorded owner; a name
  // whose first request is still under way is reserved for it (registered once it provisions).
  const requests = await knex('camunda_entra_requests')
    .where({ kind: 'provision' })
    .whereIn('state', ['provisioned', 'provisioning', 'approved', 'pending'])
    .whereNotNull('deployment')
    .whereNotNull('tenant_id')
    .orderBy('created_at', 'asc')
    .select('id', 'state', 'deployment', 'tenant_id', 'entity_ref', 'spec');
  /** @param {{ state: string }} row */
  const rank = row => (row.state === 'provisioned' ? 0 : 1);
  const first = new Map();
  for (const row of requests) {
    const key = `${row.tenant_id}/${row.deployment}`;
    const held = first.get(key);
    if (!held || rank(row) < rank(held)) {
      first.set(key, row);
    }
  }
  const entities = new Set();
  const now = new Date();
  for (const row of first.values()) {
    const entityRef = row.entity_ref?.toLowerCase();
    // An entity named by two deployments keeps the first; the other has none.
    const unique = entityRef && !entities.has(entityRef);
    entities.add(entityRef);
    await knex('camunda_entra_deployments').insert({
      tenant_id: row.tenant_id,
      deployment: row.deployment,
      owner: null,
      entity_ref: unique ? entityRef : null,
      namespace: String(JSON.parse(row.spec).namespace),
      request_id: row.id,
      registered: row.state === 'provisioned' || row.state === 'provisioning',
      created_at: now,
      updated_at: now,
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('camunda_entra_deployments');
};
