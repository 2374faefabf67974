import { StepFailure } from '../failure';
import { httpsRequest, jsonBody } from '../http';
import { tokenError } from './entraErrors';
import { Provider } from './provider';

/** A client credentials token, as the Camunda Java client and a worker ask for it. */
export async function clientCredentials(
  provider: Provider,
  request: {
    clientId: string;
    clientSecret: string;
    scope: string;
    ca: string;
  },
): Promise<string> {
  const response = await httpsRequest(provider.tokenEndpoint, {
    ca: request.ca,
    form: {
      grant_type: 'client_credentials',
      client_id: request.clientId,
      client_secret: request.clientSecret,
      scope: request.scope,
    },
  });
  const body = jsonBody(response);
  if (response.status !== 200 || typeof body?.access_token !== 'string') {
    throw new StepFailure('token', tokenError(response));
  }
  return body.access_token;
}
