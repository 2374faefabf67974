import { HttpResponse, jsonBody } from '../http';

/** Entra's AADSTS description without its trace and correlation IDs and timestamp. */
function aadstsText(description: string): string {
  return description.replace(/\s*Trace ID:[\s\S]*$/, '').trim();
}

/** `400 invalid_grant AADSTS50011: ...` from a token endpoint's OAuth error. */
export function tokenError(response: HttpResponse): string {
  const body = jsonBody(response);
  if (!body?.error) {
    return `${response.status} ${response.text.slice(0, 200)}`;
  }
  return `${response.status} ${body.error} ${aadstsText(
    String(body.error_description ?? ''),
  )}`;
}

/** The AADSTS error of a sign-in page Entra shows instead of redirecting. */
export function pageError(response: HttpResponse): string {
  const match = /AADSTS\d+:[^<]*/.exec(response.text);
  const text = match
    ? aadstsText(
        match[0]
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&'),
      )
    : `no AADSTS error on the page (${response.text.slice(0, 120)})`;
  return `${response.status} ${text}`;
}

/** The error an authorize request sent back to the redirect URI. */
export function redirectError(location: URL): string | undefined {
  const error = location.searchParams.get('error');
  return error
    ? `${error} ${aadstsText(
        location.searchParams.get('error_description') ?? '',
      )}`
    : undefined;
}

/** `401 InvalidAuthenticationToken Access token validation failure. Invalid audience.` */
export function graphError(response: HttpResponse): string {
  const error = jsonBody(response)?.error;
  return error?.code
    ? `${response.status} ${error.code} ${error.message ?? ''}`.trim()
    : `${response.status} ${response.text.slice(0, 200)}`;
}
