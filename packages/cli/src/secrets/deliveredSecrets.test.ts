import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { readDeliveredSecrets } from './deliveredSecrets';

describe('readDeliveredSecrets', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delivered-'));
  });

  function write(content: string): string {
    const file = path.join(dir, 'secrets.yaml');
    fs.writeFileSync(file, content);
    return file;
  }

  it('reads the Secret register writes and one read back from the cluster, by client', async () => {
    const file = write(
      stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'entra-credentials' },
        data: {
          'identity-client-secret': Buffer.from('from-data').toString('base64'),
          'optimize-client-secret':
            Buffer.from('overridden').toString('base64'),
        },
        stringData: {
          'optimize-client-secret': 'from-string-data',
          'machine-ci-client-secret': 'machine-secret',
        },
      }),
    );

    const secrets = await readDeliveredSecrets(file);
    if ('problem' in secrets) {
      throw new Error(secrets.problem);
    }

    expect(await secrets.secretFor('identity')).toBe('from-data');
    // Kubernetes lets stringData win over data.
    expect(await secrets.secretFor('optimize')).toBe('from-string-data');
    expect(await secrets.secretFor('machine.ci')).toBe('machine-secret');
    expect(await secrets.secretFor('orchestration')).toBeUndefined();
    expect(await secrets.secretFor('console')).toBeUndefined();
    expect(secrets.texts.sort()).toEqual([
      'from-data',
      'from-string-data',
      'machine-secret',
    ]);
  });

  it('refuses what is no Secret manifest without quoting the file', async () => {
    const notYaml = write(
      'stringData:\n  orchestration-cluster-client-secret: "s3cr3t\n  bad: [',
    );
    const notSecret = path.join(dir, 'spec.yaml');
    fs.writeFileSync(notSecret, stringify({ kind: 'ConfigMap', data: {} }));

    const problems = [
      await readDeliveredSecrets(notYaml),
      await readDeliveredSecrets(notSecret),
      await readDeliveredSecrets(path.join(dir, 'absent.yaml')),
    ].map(result => ('problem' in result ? result.problem : 'read'));

    expect(problems).toEqual([
      `${notYaml} is not valid YAML`,
      `${notSecret} is not a Kubernetes Secret manifest (kind: Secret), as register --secrets-out writes`,
      expect.stringMatching(/^cannot read .*absent\.yaml: .*ENOENT/),
    ]);
  });
});
