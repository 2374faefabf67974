/**
 * `message` with every text of `data` (as given and base64-encoded) replaced, so that an
 * error from a store never carries a secret into logs or a request's failure reason. Client
 * secrets are long; redacting short values would garble the message instead.
 */
export function redacted(
  message: string,
  data: Record<string, string>,
): string {
  return Object.values(data)
    .flatMap(value => [value, Buffer.from(value, 'utf8').toString('base64')])
    .filter(value => value.length >= 8)
    .reduce((text, value) => text.split(value).join('[redacted]'), message);
}
