import { LoggerService } from '@backstage/backend-plugin-api';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DeploymentSpec,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { DefaultEntraDirectory } from '../DefaultEntraDirectory';
import {
  EntraDirectoryConfigInput,
  resolveEntraDirectoryConfig,
} from '../config';

/** Directory settings pointing at a sandbox, with short backoffs for tests. */
export function sandboxDirectoryConfig(
  sandbox: EntraSandbox,
  overrides: Partial<EntraDirectoryConfigInput> = {},
): EntraDirectoryConfigInput {
  return {
    tenantId: sandbox.tenantId,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    authorityHost: sandbox.authorityHost,
    graphUrl: sandbox.url,
    caFile: sandbox.caFile,
    grantAdminConsent: true,
    retry: { maxRetries: 6, baseDelayMs: 20, maxDelayMs: 200 },
    ...overrides,
  };
}

export function sandboxDirectory(
  sandbox: EntraSandbox,
  overrides: Partial<EntraDirectoryConfigInput> = {},
  logger?: LoggerService,
): DefaultEntraDirectory {
  return DefaultEntraDirectory.create(
    resolveEntraDirectoryConfig(sandboxDirectoryConfig(sandbox, overrides)),
    { logger },
  );
}

/** The guide's full example (all six applications) in a sandbox tenant. */
export function guideSpec(
  sandbox: Pick<EntraSandbox, 'tenantId' | 'authorityHost' | 'url'>,
  name = 'payments',
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
  });
  if (!result.valid) {
    throw new Error(`test spec invalid: ${JSON.stringify(result.problems)}`);
  }
  return result.spec;
}

/** A logger that keeps every line (message and metadata) for assertions. */
export function recordingLogger(): LoggerService & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, meta?: unknown) =>
    lines.push(
      `${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`,
    );
  const logger = {
    lines,
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    child: () => logger,
  };
  return logger;
}
