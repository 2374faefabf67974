import https from 'node:https';

/** A response as a component's HTTP client sees it; redirects are not followed. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

/**
 * One HTTPS request that trusts `ca` only (the sandbox's CA, as a cluster trusts its issuer's).
 * Redirects come back as they are: the sign-in flows read the `Location` of a 302.
 */
export function httpsRequest(
  url: string,
  options: {
    ca: string;
    method?: 'GET' | 'POST' | 'PATCH';
    headers?: Record<string, string>;
    /** Sent form-urlencoded. */
    form?: Record<string, string>;
    /** Sent as it is, with the caller's content type. */
    body?: string;
  },
): Promise<HttpResponse> {
  const body = options.form
    ? new URLSearchParams(options.form).toString()
    : options.body;
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        ca: options.ca,
        headers: {
          ...(options.form && {
            'content-type': 'application/x-www-form-urlencoded',
          }),
          ...options.headers,
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, value]) => [
                name,
                Array.isArray(value) ? value.join(', ') : value,
              ]),
            ),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The JSON body of a response, or undefined when it is not JSON. */
export function jsonBody(
  response: HttpResponse,
): Record<string, any> | undefined {
  try {
    const parsed = JSON.parse(response.text);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
