import { entraSecretManifest } from './entraSecretManifest';

describe('entraSecretManifest', () => {
  it('keys each client secret as the values read it and leaves out clients without a key', () => {
    expect(
      entraSecretManifest(
        {
          namespace: 'payments-camunda',
          secrets: {
            entra: 'entra-credentials',
            camunda: 'camunda-credentials',
          },
        },
        [
          { client: 'orchestration', secretText: 'o-secret' },
          { client: 'machine.ci', secretText: 'ci-secret' },
          { client: 'console', secretText: 'never' },
        ],
      ),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'entra-credentials', namespace: 'payments-camunda' },
      type: 'Opaque',
      stringData: {
        'orchestration-cluster-client-secret': 'o-secret',
        'machine-ci-client-secret': 'ci-secret',
      },
    });
  });
});
