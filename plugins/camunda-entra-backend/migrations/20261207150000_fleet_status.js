// @ts-check

/**
 * The fleet view's status cache: the last checked state of each registered deployment, and the
 * client secrets the portal watches (the expiry timeline counts them, the metrics export them).
 * End dates are kept as ISO 8601 strings in UTC (toISOString), which sort and compare as text
 * alike on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('camunda_entra_fleet_status', table => {
    table.comment(
      'The fleet view: one row per registered deployment, its state as last checked',
    );
    table.string('tenant_id').notNullable().comment('Lower-cased tenant ID');
    table.string('deployment').notNullable().comment("The spec's name");
    table
      .string('entity_ref')
      .nullable()
      .comment('The catalog entity the registration names');
    table.string('chart').notNullable().comment('Chart line, e.g. 8.8');
    table.string('namespace').notNullable();
    table.string('environment').nullable();
    table
      .string('health')
      .notNullable()
      .comment('ok, warning or error; unknown until checked once');
    table
      .integer('drift_count')
      .notNullable()
      .comment('Properties that differ from the registration');
    table
      .string('checked_at')
      .nullable()
      .comment('When the directory was last read for it (ISO 8601)');
    table
      .string('next_expiry_client')
      .nullable()
      .comment('The client whose secret ends first');
    table
      .string('next_expiry_end')
      .nullable()
      .comment('When that secret ends (ISO 8601)');
    table.primary(['tenant_id', 'deployment']);
    table.index(['next_expiry_end'], 'camunda_entra_fleet_status_expiry_idx');
  });

  await knex.schema.createTable('camunda_entra_fleet_secrets', table => {
    table.comment(
      'The client secrets of the registered deployments, metadata only (never a secret text)',
    );
    table.string('tenant_id').notNullable().comment('Lower-cased tenant ID');
    table.string('deployment').notNullable();
    table.string('client').notNullable().comment('Client key, e.g. optimize');
    table.string('key_id').notNullable().comment("The credential's key ID");
    table.string('start_date_time').nullable().comment('ISO 8601');
    table.string('end_date_time').notNullable().comment('ISO 8601');
    table.primary(['tenant_id', 'deployment', 'client', 'key_id']);
    table.index(['end_date_time'], 'camunda_entra_fleet_secrets_end_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('camunda_entra_fleet_secrets');
  await knex.schema.dropTable('camunda_entra_fleet_status');
};
