import { chooseCredentialEndpoints } from './credentialEndpoints';

const id = '6f1c2f43-1111-4222-8333-444455556666';
const SANDBOX = 'https://127.0.0.1:7443';

describe('chooseCredentialEndpoints', () => {
  it("uses the cloud's own hosts when nothing else is given", () => {
    expect(chooseCredentialEndpoints({ id, cloud: 'usgov' }, {}, {})).toEqual({
      endpoints: {
        authorityHost: 'https://login.microsoftonline.us',
        graphUrl: 'https://graph.microsoft.us',
      },
    });
  });

  it('prefers the flags to the variables, and the variables to the cloud', () => {
    const env = {
      AZURE_AUTHORITY_HOST: 'https://login.example.com/',
      CAMUNDA_ENTRA_GRAPH_URL: 'https://graph.example.com/v1.0',
    };
    expect(chooseCredentialEndpoints({ id, cloud: 'global' }, {}, env)).toEqual(
      {
        endpoints: {
          authorityHost: 'https://login.example.com',
          graphUrl: 'https://graph.example.com',
        },
      },
    );
    expect(
      chooseCredentialEndpoints(
        { id, cloud: 'global' },
        { authorityHost: `${SANDBOX}/`, graphUrl: `${SANDBOX}/v1.0/` },
        env,
      ),
    ).toEqual({ endpoints: { authorityHost: SANDBOX, graphUrl: SANDBOX } });
  });

  it('treats an empty variable as unset', () => {
    expect(
      chooseCredentialEndpoints(
        { id, cloud: 'global' },
        {},
        { AZURE_AUTHORITY_HOST: '', CAMUNDA_ENTRA_GRAPH_URL: '' },
      ),
    ).toEqual({
      endpoints: {
        authorityHost: 'https://login.microsoftonline.com',
        graphUrl: 'https://graph.microsoft.com',
      },
    });
  });

  it('accepts spec hosts that are the ones chosen, however spelled', () => {
    expect(
      chooseCredentialEndpoints(
        {
          id,
          cloud: 'global',
          authorityHost: `${SANDBOX}/`,
          graphUrl: `${SANDBOX}/v1.0`,
        },
        { authorityHost: SANDBOX },
        { CAMUNDA_ENTRA_GRAPH_URL: SANDBOX },
      ),
    ).toEqual({ endpoints: { authorityHost: SANDBOX, graphUrl: SANDBOX } });
  });

  it('refuses spec hosts that are not the chosen ones and tells which flag to pass', () => {
    const choice = chooseCredentialEndpoints(
      {
        id,
        cloud: 'global',
        authorityHost: 'https://login.attacker.example',
        graphUrl: 'https://graph.attacker.example',
      },
      { graphUrl: SANDBOX },
      {},
    );
    expect(choice).toEqual({
      problems: [
        "tenant.authorityHost: the spec names https://login.attacker.example, but credentials go only to https://login.microsoftonline.com (the global cloud's); if you trust https://login.attacker.example, pass --authority-host https://login.attacker.example or set AZURE_AUTHORITY_HOST",
        'tenant.graphUrl: the spec names https://graph.attacker.example, but credentials go only to https://127.0.0.1:7443 (--graph-url); if you trust https://graph.attacker.example, pass --graph-url https://graph.attacker.example or set CAMUNDA_ENTRA_GRAPH_URL',
      ],
    });
  });

  it('refuses a spec host with a path, which no flag could match', () => {
    expect(
      chooseCredentialEndpoints(
        { id, cloud: 'global', graphUrl: 'https://graph.microsoft.com/beta' },
        {},
        {},
      ),
    ).toEqual({
      problems: [expect.stringMatching(/^tenant\.graphUrl: the spec names/)],
    });
  });

  it('reports a bad flag or variable by its name', () => {
    expect(
      chooseCredentialEndpoints(
        { id, cloud: 'global' },
        { graphUrl: 'https://graph.microsoft.com/beta' },
        { AZURE_AUTHORITY_HOST: 'http://127.0.0.1:7443' },
      ),
    ).toEqual({
      problems: [
        "AZURE_AUTHORITY_HOST must use https, got 'http://127.0.0.1:7443'",
        expect.stringMatching(/^--graph-url must be an https Graph base URL/),
      ],
    });
  });
});
