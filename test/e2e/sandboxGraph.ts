import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { parse } from 'yaml';

// Talks to the dev portal's Entra sandbox as someone editing an application by hand would,
// with the sandbox's automation identity from app-config.yaml.
const root = path.resolve(__dirname, '../..');
const directory = parse(
  fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
).camundaEntra.directory;
const ca = fs.readFileSync(path.join(root, directory.caFile), 'utf8');

function call(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method, headers, ca }, response => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', chunk => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: text }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function token(): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: directory.clientId,
    client_secret: directory.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
  });
  const response = await call(
    'POST',
    `${directory.authorityHost}/${directory.tenantId}/oauth2/v2.0/token`,
    { 'Content-Type': 'application/x-www-form-urlencoded' },
    form.toString(),
  );
  if (response.status !== 200) {
    throw new Error(`Sandbox token: ${response.status} ${response.body}`);
  }
  return JSON.parse(response.body).access_token;
}

/** Graph call against the sandbox; throws on an error status. */
export async function sandboxGraph(
  method: string,
  resource: string,
  body?: unknown,
): Promise<any> {
  const response = await call(
    method,
    `${directory.graphUrl}/v1.0${resource}`,
    {
      Authorization: `Bearer ${await token()}`,
      'Content-Type': 'application/json',
    },
    body === undefined ? undefined : JSON.stringify(body),
  );
  if (response.status >= 400) {
    throw new Error(
      `Sandbox ${method} ${resource}: ${response.status} ${response.body}`,
    );
  }
  return response.body ? JSON.parse(response.body) : undefined;
}
