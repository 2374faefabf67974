import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { httpsRequest, jsonBody } from './http';

/** A Microsoft Graph token of the sandbox's automation identity (client credentials). */
async function graphToken(sandbox: EntraSandbox): Promise<string> {
  const response = await httpsRequest(
    `${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`,
    {
      ca: sandbox.caPem,
      form: {
        grant_type: 'client_credentials',
        client_id: sandbox.credentials.clientId,
        client_secret: sandbox.credentials.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      },
    },
  );
  const token = jsonBody(response)?.access_token;
  if (typeof token !== 'string') {
    throw new Error(`no Graph token from the sandbox: ${response.status}`);
  }
  return token;
}

/**
 * Changes an application through Graph (`PATCH /v1.0/applications/{id}`), as someone editing
 * a registration in the Entra admin center would.
 */
export async function patchApplication(
  sandbox: EntraSandbox,
  objectId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const response = await httpsRequest(
    `${sandbox.url}/v1.0/applications/${objectId}`,
    {
      ca: sandbox.caPem,
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${await graphToken(sandbox)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    },
  );
  if (response.status !== 204) {
    throw new Error(
      `PATCH application ${objectId}: ${response.status} ${response.text}`,
    );
  }
}
