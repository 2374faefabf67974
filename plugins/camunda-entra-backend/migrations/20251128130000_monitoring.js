// @ts-check

/**
 * Monitoring state that must survive restarts and be shared by replicas: which expiry
 * notifications were sent, and which rotated-out secrets are still to be removed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('camunda_entra_secret_notifications', table => {
    table.comment(
      'One row per client secret and expiry threshold whose owner was notified',
    );
    table.string('key_id').notNullable().comment('passwordCredential keyId');
    table
      .string('threshold')
      .notNullable()
      .comment('expiring, critical or expired');
    table.string('app_id').notNullable();
    table.dateTime('notified_at', { useTz: true }).notNullable();
    table.primary(['key_id', 'threshold']);
  });

  await knex.schema.createTable('camunda_entra_secret_removals', table => {
    table.comment(
      'Client secrets replaced by a rotation, removed from Entra once their grace period ends',
    );
    table.string('object_id').notNullable().comment('Application object ID');
    table.string('key_id').notNullable().comment('passwordCredential keyId');
    table
      .string('request_id')
      .notNullable()
      .references('id')
      .inTable('camunda_entra_requests')
      .onDelete('CASCADE');
    table.dateTime('remove_after', { useTz: true }).notNullable();
    table.dateTime('removed_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.primary(['object_id', 'key_id']);
    table.index(['remove_after'], 'camunda_entra_secret_removals_due_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('camunda_entra_secret_removals');
  await knex.schema.dropTable('camunda_entra_secret_notifications');
};
