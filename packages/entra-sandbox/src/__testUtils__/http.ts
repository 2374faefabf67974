import { Agent, fetch, Response } from 'undici';
import { EntraSandbox } from '../startEntraSandbox';

/** An access token for `scope` from the sandbox's token endpoint (client credentials). */
export async function clientCredentialsToken(
  box: EntraSandbox,
  agent: Agent,
  identity: { clientId: string; clientSecret: string },
  scope: string,
): Promise<string> {
  const response = await fetch(
    `${box.authorityHost}/${box.tenantId}/oauth2/v2.0/token`,
    {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: identity.clientId,
        client_secret: identity.clientSecret,
        scope,
      }).toString(),
    },
  );
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Status, headers and the JSON body (undefined when empty) of a response. */
export async function jsonResponse(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}
