/**
 * Well-known values of the development sandbox (app-config.yaml and `yarn entra-sandbox`
 * use the same), so that a freshly cloned portal needs no setup. They unlock nothing but
 * the local sandbox.
 *
 * @public
 */
export const ENTRA_SANDBOX_DEV_DEFAULTS = {
  port: 7443,
  tenantId: '7e57ab1e-5a4d-4b0c-8000-00000000e1d1',
  clientId: '5a4db0c5-0000-4000-8000-0000000000a1',
  clientSecret: 'entra-sandbox-dev-only',
} as const;
