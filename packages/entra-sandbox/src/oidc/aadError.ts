import { randomUUID } from 'node:crypto';

/** What the OIDC endpoints answer: a JSON body (token, discovery, userinfo). */
export interface OidcResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Entra's error text: AADSTS code, description, trace and correlation ids, timestamp. */
export function aadErrorFields(
  error: string,
  code: number,
  description: string,
) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  };
}

/** Entra's OAuth error body: error, AADSTS description, codes, trace and correlation ids. */
export function aadError(
  status: number,
  error: string,
  code: number,
  description: string,
): OidcResponse {
  return { status, body: aadErrorFields(error, code, description) };
}
