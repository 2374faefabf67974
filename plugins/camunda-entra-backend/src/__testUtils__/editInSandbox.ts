import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import https from 'node:https';

function send(
  sandbox: EntraSandbox,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: init.method, headers: init.headers, ca: sandbox.caPem },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * One Graph call to the sandbox with its automation identity's token, as someone registering
 * or editing an application by hand would; throws on an error status.
 */
export async function editInSandbox(
  sandbox: EntraSandbox,
  method: 'GET' | 'PATCH' | 'POST',
  resource: string,
  body?: object,
): Promise<any> {
  const token = await send(
    sandbox,
    `${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sandbox.credentials.clientId,
        client_secret: sandbox.credentials.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    },
  );
  const answer = await send(sandbox, `${sandbox.url}/v1.0${resource}`, {
    method,
    headers: {
      Authorization: `Bearer ${JSON.parse(token.text).access_token}`,
      'Content-Type': 'application/json',
    },
    body: body && JSON.stringify(body),
  });
  if (answer.status >= 400) {
    throw new Error(`${method} ${resource}: ${answer.status} ${answer.text}`);
  }
  return answer.text ? JSON.parse(answer.text) : undefined;
}
