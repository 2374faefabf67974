import { InputError } from '@backstage/errors';
import {
  DeploymentSpec,
  DeploymentTenantInput,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  normalizeAuthorityHost,
  normalizeGraphUrl,
  tenantCloudEndpoints,
} from '@camunda-entra/plugin-camunda-entra-node';

const NORMALIZE = {
  authorityHost: normalizeAuthorityHost,
  graphUrl: normalizeGraphUrl,
};

/**
 * Throws unless a spec's tenant is the portal directory's: its ID, cloud, authority host and
 * Graph URL. Applications are registered in the directory's tenant whatever the spec says, but
 * the generated values send the pods' client secrets to the spec's authority host, so a spec
 * naming another host would hand them to it. Hosts are compared as the values name them (the
 * cloud's unless overridden), so a spec may leave out what its cloud implies.
 */
export function assertPortalTenant(
  tenant: DeploymentSpec['tenant'],
  portal: DeploymentTenantInput,
): void {
  if (tenant.id.toLowerCase() !== portal.id.toLowerCase()) {
    throw new InputError(
      `tenant.id: must be the portal's tenant ${portal.id}; applications are registered there`,
    );
  }
  const portalTenant = { ...portal, cloud: portal.cloud ?? 'global' };
  if (tenant.cloud !== portalTenant.cloud) {
    throw new InputError(
      `tenant.cloud: must be the portal directory's cloud ${portalTenant.cloud}, not ${tenant.cloud}`,
    );
  }
  const named = tenantCloudEndpoints(tenant);
  const expected = tenantCloudEndpoints(portalTenant);
  for (const field of ['authorityHost', 'graphUrl'] as const) {
    const normalize = (url: string) => NORMALIZE[field](url, `tenant.${field}`);
    if (normalize(named[field]) !== normalize(expected[field])) {
      throw new InputError(
        `tenant.${field}: ${named[field]} is not the portal directory's ${expected[field]}; the generated values would send the deployment's client secrets there`,
      );
    }
  }
}
