/**
 * The deployment a stored spec names, as requests are found by it: its name and lower-cased
 * tenant ID, null where the spec has none. The migrations fill the columns the same way.
 */
export function deploymentColumns(spec: Record<string, unknown>): {
  deployment: string | null;
  tenant_id: string | null;
} {
  const { name, tenant } = spec as {
    name?: unknown;
    tenant?: { id?: unknown };
  };
  return {
    deployment: typeof name === 'string' ? name : null,
    tenant_id: typeof tenant?.id === 'string' ? tenant.id.toLowerCase() : null,
  };
}
