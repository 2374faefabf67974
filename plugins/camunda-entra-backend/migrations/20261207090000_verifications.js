// @ts-check

/**
 * The last sign-in verification of each deployment, shown on its card, and the lease of the
 * one verification that may run for it at a time (shared by replicas).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('camunda_entra_verifications', table => {
    table.comment('One row per deployment: its last sign-in verification');
    table.string('deployment').notNullable().comment("The spec's name");
    table
      .string('tenant_id')
      .notNullable()
      .comment('Lower-cased tenant ID of the registration');
    table
      .string('request_id')
      .nullable()
      .comment('The registration verified last');
    table
      .text('verification')
      .nullable()
      .comment('SignInVerification as JSON; never a secret');
    table
      .string('lease_owner')
      .nullable()
      .comment('Instance ID of the backend running a verification');
    table
      .dateTime('lease_expires_at', { useTz: true })
      .nullable()
      .comment('After this another verification may start');
    table.primary(['deployment', 'tenant_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('camunda_entra_verifications');
};
