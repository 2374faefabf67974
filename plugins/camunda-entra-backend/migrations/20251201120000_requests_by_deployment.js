// @ts-check

/**
 * The deployment name and tenant of each request as columns, so that the registration recorded
 * for a deployment is found by an index instead of by reading every request's spec.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('camunda_entra_requests', table => {
    table
      .string('deployment')
      .nullable()
      .comment("The spec's name: the key of every application's uniqueName");
    table
      .string('tenant_id')
      .nullable()
      .comment("The spec's tenant ID, lower-cased");
  });
  const rows = await knex('camunda_entra_requests').select('id', 'spec');
  for (const row of rows) {
    const spec = JSON.parse(row.spec);
    await knex('camunda_entra_requests')
      .where({ id: row.id })
      .update({
        deployment: typeof spec.name === 'string' ? spec.name : null,
        tenant_id:
          typeof spec.tenant?.id === 'string'
            ? spec.tenant.id.toLowerCase()
            : null,
      });
  }
  await knex.schema.alterTable('camunda_entra_requests', table => {
    table.index(
      ['deployment', 'tenant_id'],
      'camunda_entra_requests_deployment_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('camunda_entra_requests', table => {
    table.dropIndex([], 'camunda_entra_requests_deployment_idx');
    table.dropColumn('tenant_id');
    table.dropColumn('deployment');
  });
};
