// By package name, so that the API report links the main entry point's type.
import type { EntraDirectoryConfigInput } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * The parts of a running Entra sandbox that the test utilities read. Structural, so that
 * this package does not depend on the sandbox.
 *
 * @public
 */
export interface SandboxTenant {
  /** The tenant ID (GUID). */
  tenantId: string;
  /** Authority host for `@azure/identity`. */
  authorityHost: string;
  /** Origin of its Microsoft Graph. */
  url: string;
  /** The CA certificate its TLS certificate is signed with. */
  caFile: string;
  /** The automation identity's client credentials. */
  credentials: { clientId: string; clientSecret: string };
}

/**
 * Where and as whom the directory client reaches a sandbox: the part of
 * `EntraDirectoryConfigInput` that `sandboxDirectoryConfig` fills in. A type alias, so that it
 * is plain config data.
 *
 * @public
 */
export type SandboxDirectoryConnection = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  graphUrl: string;
  caFile: string;
};

/**
 * Directory settings pointing at a sandbox's tenant and automation identity, as
 * `resolveEntraDirectoryConfig` and the `camundaEntra.directory` config take them, with
 * `overrides` on top.
 *
 * @public
 */
export function sandboxDirectoryConfig<
  T extends Partial<EntraDirectoryConfigInput> = {},
>(sandbox: SandboxTenant, overrides?: T): SandboxDirectoryConnection & T {
  const connection: SandboxDirectoryConnection = {
    tenantId: sandbox.tenantId,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    authorityHost: sandbox.authorityHost,
    graphUrl: sandbox.url,
    caFile: sandbox.caFile,
  };
  // TypeScript types a spread of a generic as less than the intersection it is.
  return { ...connection, ...overrides } as SandboxDirectoryConnection & T;
}
