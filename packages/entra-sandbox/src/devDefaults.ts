/**
 * Well-known values of the development sandbox (app-config.yaml and `yarn entra-sandbox`
 * use the same), so that a freshly cloned portal needs no setup. They unlock nothing but
 * the local sandbox.
 *
 * @public
 */
export const ENTRA_SANDBOX_DEV_DEFAULTS = {
  port: 7443,
  /** Plain-HTTP listener for the sign-in pages a browser opens. */
  browserPort: 7444,
  /** The Key Vault, when the dev backend is told to start one (camundaEntra.sandbox.keyVaultPort). */
  keyVaultPort: 7445,
  tenantId: '7e57ab1e-5a4d-4b0c-8000-00000000e1d1',
  clientId: '5a4db0c5-0000-4000-8000-0000000000a1',
  clientSecret: 'entra-sandbox-dev-only',
  /** The portal's sign-in client (OIDC provider) in the sandbox. */
  signIn: {
    clientId: '5a4db0c5-0000-4000-8000-0000000000b1',
    clientSecret: 'entra-sandbox-sign-in-dev-only',
  },
} as const;
