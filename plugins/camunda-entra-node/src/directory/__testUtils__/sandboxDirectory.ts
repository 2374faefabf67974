import { LoggerService } from '@backstage/backend-plugin-api';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { DefaultEntraDirectory } from '../DefaultEntraDirectory';
import {
  EntraDirectoryConfigInput,
  resolveEntraDirectoryConfig,
} from '../config';
import { sandboxDirectoryConfig } from '../../testUtils';

/** The real directory client pointed at a sandbox, consenting, with short backoffs for tests. */
export function sandboxDirectory(
  sandbox: EntraSandbox,
  overrides: Partial<EntraDirectoryConfigInput> = {},
  logger?: LoggerService,
): DefaultEntraDirectory {
  return DefaultEntraDirectory.create(
    resolveEntraDirectoryConfig(
      sandboxDirectoryConfig(sandbox, {
        grantAdminConsent: true,
        retry: { maxRetries: 6, baseDelayMs: 20, maxDelayMs: 200 },
        ...overrides,
      }),
    ),
    { logger },
  );
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
