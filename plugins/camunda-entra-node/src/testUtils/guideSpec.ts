import {
  DeploymentSpec,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { SandboxTenant } from './sandboxDirectory';

/**
 * The guide's full example (all six applications, Console at the guide's
 * `http://localhost:8087`) in a sandbox's tenant, validated.
 *
 * @public
 */
export function guideSpec(
  sandbox: Pick<SandboxTenant, 'tenantId' | 'authorityHost' | 'url'>,
  name = 'payments',
  options: { owner?: string } = {},
): DeploymentSpec {
  const result = validateDeploymentSpec({
    name,
    namespace: `${name}-camunda`,
    chart: '8.9',
    tenant: {
      id: sandbox.tenantId,
      authorityHost: sandbox.authorityHost,
      graphUrl: sandbox.url,
    },
    components: {
      orchestration: { url: 'https://camunda.example.com' },
      connectors: {},
      identity: { url: 'https://identity.example.com' },
      optimize: { url: 'https://optimize.example.com' },
      webModeler: { url: 'https://modeler.example.com' },
      console: { url: 'http://localhost:8087' },
    },
    admins: ['alice@example.com'],
    webModeler: { fromAddress: 'noreply@example.com' },
    ...(options.owner && { owner: options.owner }),
  });
  if (!result.valid) {
    throw new Error(`test spec invalid: ${JSON.stringify(result.problems)}`);
  }
  return result.spec;
}
