import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  ClientTokenEndpoint,
  createClientTokenEndpoint,
  readEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import { readFile } from 'fs/promises';

/**
 * The token endpoint of the tenant `camundaEntra.directory` registers applications in, at its
 * authority host and trusting its extra CA: where the deployment's clients sign in. Created on
 * first use, since the local sandbox writes its CA only once it has started.
 */
export function directoryTokenEndpoint(
  config: Config,
): () => Promise<ClientTokenEndpoint> {
  let endpoint: Promise<ClientTokenEndpoint> | undefined;
  const create = async () => {
    if (!config.has('camundaEntra.directory')) {
      throw new ServiceUnavailableError(
        'No Entra directory is configured (camundaEntra.directory), so there is no tenant to verify sign-in against',
      );
    }
    const { authorityHost, tenantId, caFile } =
      readEntraDirectoryConfig(config);
    return createClientTokenEndpoint({
      authorityHost,
      tenantId,
      ...(caFile && { ca: await readFile(caFile) }),
    });
  };
  return () => {
    endpoint ??= create().catch(error => {
      endpoint = undefined;
      throw error;
    });
    return endpoint;
  };
}
