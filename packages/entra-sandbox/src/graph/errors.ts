/**
 * A Graph error response: status, Graph's error code and message, extra headers such as
 * Retry-After. Handlers throw it; the server renders Graph's error body from it.
 */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

/** Graph's body for a missing directory object. */
export function notFound(key: string): GraphHttpError {
  return new GraphHttpError(
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function badRequest(
  message: string,
  code = 'Request_BadRequest',
): GraphHttpError {
  return new GraphHttpError(400, code, message);
}

export function forbidden(): GraphHttpError {
  return new GraphHttpError(
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
}

export function invalidValue(property: string, resource: string) {
  return badRequest(
    `Invalid value specified for property '${property}' of resource '${resource}'.`,
  );
}

/** `{error:{code,message,innerError:{date,request-id,client-request-id}}}` as Graph sends it. */
export function graphErrorBody(
  error: GraphHttpError,
  requestId: string,
  clientRequestId: string,
) {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        // Graph's dates carry no fractional seconds.
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}
