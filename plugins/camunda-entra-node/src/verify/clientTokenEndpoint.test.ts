import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import net, { AddressInfo } from 'node:net';
import { decodeAccessToken, signedByOneOf } from './accessToken';
import { createClientTokenEndpoint } from './clientTokenEndpoint';

describe('createClientTokenEndpoint', () => {
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox();
  });

  afterAll(() => sandbox.stop());

  const endpoint = () =>
    createClientTokenEndpoint({
      authorityHost: sandbox.authorityHost,
      tenantId: sandbox.tenantId,
      caFile: sandbox.caFile,
    });

  it("obtains a client credentials token signed by one of the tenant's keys", async () => {
    const tokens = endpoint();

    const answer = await tokens.clientCredentials({
      ...sandbox.credentials,
      scope: `${sandbox.url}/.default`,
    });

    if (!('accessToken' in answer)) {
      throw new Error(`refused: ${answer.description}`);
    }
    const token = decodeAccessToken(answer.accessToken)!;
    expect(token.claims.azp).toBe(sandbox.credentials.clientId);
    expect(signedByOneOf(token, (await tokens.signingKeys!())!)).toBe(true);
  });

  it("returns Entra's refusal with its AADSTS code and the description alone", async () => {
    const answer = await endpoint().clientCredentials({
      clientId: sandbox.credentials.clientId,
      clientSecret: 'not-the-secret',
      scope: `${sandbox.url}/.default`,
    });

    expect(answer).toEqual({
      error: 'invalid_client',
      entraError: 'AADSTS7000215',
      description: 'Invalid client secret provided.',
    });
  });

  it('throws when the authority cannot be reached, and has no keys then', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = net.createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>(resolve => server.close(() => resolve()));
    const tokens = createClientTokenEndpoint({
      authorityHost: `https://127.0.0.1:${port}`,
      tenantId: sandbox.tenantId,
      ca: sandbox.caPem,
    });

    await expect(
      tokens.clientCredentials({
        clientId: sandbox.credentials.clientId,
        clientSecret: sandbox.credentials.clientSecret,
        scope: `${sandbox.url}/.default`,
      }),
    ).rejects.toThrow(`cannot reach https://127.0.0.1:${port}: ECONNREFUSED`);
    await expect(tokens.signingKeys!()).resolves.toBeUndefined();
  });
});
