import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { addPasswordOnce, AddedPassword } from './addPasswordOnce';
import { EntraDirectoryConfig } from './config';
import { objectNotReplicated } from './graphAnswers';
import { GraphApi } from './graphApi';
import { CreatedSecret } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Keeps the secret text out of logs and JSON: readable, but not enumerable. */
function createdSecret(added: AddedPassword): CreatedSecret {
  const { secretText, keyId, displayName, hint, startDateTime, endDateTime } =
    added;
  const secret = {
    keyId,
    displayName,
    hint,
    startDateTime,
    endDateTime,
  } as CreatedSecret;
  Object.defineProperty(secret, 'secretText', {
    value: secretText,
    enumerable: false,
  });
  return secret;
}

/**
 * Adds a client secret with an explicit end date, capped by the directory's maximum: tenant
 * policies may reject Entra's 2-year default.
 */
export async function addClientSecret(
  api: GraphApi,
  objectId: string,
  options: { displayName: string; lifetimeDays?: number },
  context: {
    config: EntraDirectoryConfig;
    /** The application was created by this run and may not have replicated yet. */
    justCreated: boolean;
    logger?: LoggerService;
  },
): Promise<CreatedSecret> {
  const { config } = context;
  const requested = options.lifetimeDays ?? config.secretLifetimeDays;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new InputError(
      `Secret lifetime must be a whole number of days >= 1, got ${requested}`,
    );
  }
  const days = Math.min(requested, config.maxSecretLifetimeDays);
  const added = await addPasswordOnce(
    api,
    objectId,
    {
      displayName: options.displayName,
      endDateTime: new Date(Date.now() + days * DAY_MS).toISOString(),
    },
    {
      retry: config.retry,
      notYetReplicated: context.justCreated ? objectNotReplicated : undefined,
      logger: context.logger,
    },
  );
  return createdSecret(added);
}
