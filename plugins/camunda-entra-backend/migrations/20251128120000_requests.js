// @ts-check

/**
 * Provisioning requests and their append-only audit trail.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('camunda_entra_requests', table => {
    table.comment(
      'Requests to register (or rotate) the Entra applications of a Camunda deployment',
    );
    table.string('id').primary().notNullable();
    table.string('kind').notNullable();
    table.string('state').notNullable();
    table
      .text('spec')
      .notNullable()
      .comment('The deployment spec as submitted (JSON)');
    table
      .text('plan')
      .notNullable()
      .comment('The plan computed at creation (JSON)');
    table.string('requester').notNullable();
    table.string('entity_ref').nullable();
    table
      .string('client')
      .nullable()
      .comment('For rotations: the client whose secret is rotated');
    table.string('environment').nullable();
    table
      .text('clients')
      .notNullable()
      .comment('Application (client) IDs per client key (JSON)');
    table
      .text('object_ids')
      .notNullable()
      .comment('Entra object IDs per client key (JSON)');
    table
      .text('secrets')
      .nullable()
      .comment(
        'keyId and expiry per client of the secrets delivered to the sink (JSON); never secret text',
      );
    table.string('secret_location').nullable();
    table.text('failure_reason').nullable();
    table.dateTime('created_at', { useTz: true }).notNullable();
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.index(['state'], 'camunda_entra_requests_state_idx');
    table.index(['created_at'], 'camunda_entra_requests_created_at_idx');
  });

  await knex.schema.createTable('camunda_entra_request_events', table => {
    table.comment('Audit trail of every request: rows are only ever inserted');
    table.increments('id').primary();
    table
      .string('request_id')
      .notNullable()
      .references('id')
      .inTable('camunda_entra_requests')
      .onDelete('CASCADE');
    table.string('state').notNullable();
    table.string('actor').notNullable();
    table.text('comment').nullable();
    table.dateTime('at', { useTz: true }).notNullable();
    table.index(['request_id'], 'camunda_entra_request_events_request_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('camunda_entra_request_events');
  await knex.schema.dropTable('camunda_entra_requests');
};
