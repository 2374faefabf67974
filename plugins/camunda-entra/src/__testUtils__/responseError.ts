import { ResponseError } from '@backstage/errors';

/** The error the common client throws when the backend answers with an error body. */
export function responseError(
  status: number,
  statusText: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}
