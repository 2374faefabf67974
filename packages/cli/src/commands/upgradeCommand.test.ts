import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UPGRADE_TO_8_10_INPUT } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { sandboxEnvironment } from '../__testUtils__/sandboxEnvironment';
import { runRegisterCommand } from './registerCommand';
import { runUpgradeCommand, UpgradeCommandOptions } from './upgradeCommand';

jest.setTimeout(60_000);

const OLD_ONLY = [
  'camunda-payments-web-modeler-ui',
  'camunda-payments-web-modeler-api',
  'camunda-payments-console',
];
const HUB = [
  'camunda-payments-camunda-hub-ui',
  'camunda-payments-camunda-hub-api',
];
const SHARED = [
  'camunda-payments-orchestration',
  'camunda-payments-identity',
  'camunda-payments-optimize',
];

describe('camunda-entra upgrade', () => {
  let sandbox: EntraSandbox;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let spec: string;
  let withFile: string;

  const capture = () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return {
      output: {
        stdout: (line: string) => stdout.push(line),
        stderr: (line: string) => stderr.push(line),
      },
      text: () => ({ stdout: stdout.join('\n'), stderr: stderr.join('\n') }),
    };
  };

  async function upgrade(options: Partial<UpgradeCommandOptions>) {
    const { output, text } = capture();
    const code = await runUpgradeCommand(
      { spec, to: '8.10', with: withFile, ...options },
      output,
      env,
    );
    return { code, ...text() };
  }

  /** The uniqueNames of the deployment's applications in the sandbox. */
  const registeredNames = () =>
    sandbox.admin
      .directory()
      .applications.flatMap(a => (a.uniqueName ? [a.uniqueName] : []))
      .sort();

  beforeAll(async () => {
    sandbox = await startEntraSandbox();
    env = sandboxEnvironment(sandbox);
  });

  afterAll(() => sandbox.stop());

  beforeEach(async () => {
    sandbox.admin.resetDirectory();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upgrade-'));
    const input = {
      name: 'payments',
      namespace: 'payments-camunda',
      chart: '8.9',
      tenant: { id: sandbox.tenantId },
      components: {
        orchestration: {},
        connectors: {},
        identity: {},
        optimize: {},
        webModeler: {},
        console: {},
      },
      admins: ['alice@example.com'],
      webModeler: { fromAddress: 'noreply@example.com' },
    };
    spec = path.join(dir, 'spec.yaml');
    fs.writeFileSync(spec, stringify(input));
    const { output, text } = capture();
    const code = await runRegisterCommand(
      { spec, secretsOut: path.join(dir, 'old-secrets.yaml') },
      output,
      env,
    );
    if (code !== 0) {
      throw new Error(`register failed: ${text().stderr}`);
    }
    fs.writeFileSync(spec, stringify({ ...input, ...parse(text().stdout) }));
    withFile = path.join(dir, 'with.yaml');
    fs.writeFileSync(withFile, stringify(UPGRADE_TO_8_10_INPUT));
  });

  it('names what the target line lacks, writing and changing nothing', async () => {
    sandbox.admin.resetCounters();
    const result = await upgrade({
      with: undefined,
      out: path.join(dir, 'out'),
    });

    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      'databases.identity: is required on chart 8.10 with Management Identity: the chart no longer installs a PostgreSQL database for it',
      'databases.camundaHub: is required on chart 8.10 with Camunda Hub: the chart no longer installs a PostgreSQL database for it',
      'secondaryStorage: is required on chart 8.10 with the Orchestration Cluster or Optimize: the chart installs no Elasticsearch; name an external Elasticsearch, OpenSearch or a relational database',
    ]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    expect(sandbox.admin.counters().requests).toBe(0);
  });

  it('prints the plan and writes the repository with placeholders, offline', async () => {
    sandbox.admin.resetCounters();
    const out = path.join(dir, 'out');
    const result = await upgrade({ out });

    expect(result.code).toBe(0);
    const plan = parse(result.stdout);
    expect(plan.upgrade).toBe('8.9 -> 8.10');
    expect(
      Object.fromEntries(
        plan.applications.map((a: any) => [a.uniqueName, a.when]),
      ),
    ).toMatchObject({
      'camunda-payments-camunda-hub-ui': 'apply',
      'camunda-payments-console': 'finish',
    });
    expect(plan.values).toContainEqual(
      expect.stringMatching(/^values\.yaml: changed \(\+\d+ -\d+\)$/),
    );
    expect(fs.readFileSync(path.join(out, 'values.yaml'), 'utf8')).toContain(
      '<registered on apply: camundaHubUi>',
    );
    expect(result.stderr).toContain('run with --apply');
    expect(sandbox.admin.counters().requests).toBe(0);
  });

  it('applies the additions keeping the old applications, then finishes, each idempotently', async () => {
    const applied = await upgrade({
      apply: true,
      out: path.join(dir, 'new'),
      secretsOut: path.join(dir, 'new-secrets.yaml'),
    });

    expect(applied.code).toBe(0);
    expect(registeredNames()).toEqual([...SHARED, ...OLD_ONLY, ...HUB].sort());
    const secrets = parse(
      fs.readFileSync(path.join(dir, 'new-secrets.yaml'), 'utf8'),
    );
    expect(Object.keys(secrets.stringData)).toEqual([
      'camunda-hub-api-client-secret',
    ]);
    const [plan, target] = parseAllDocuments(applied.stdout).map(d => d.toJS());
    expect(Object.keys(plan.clients)).toEqual([
      'orchestration',
      'identity',
      'optimize',
      'camundaHubUi',
      'camundaHubApi',
    ]);
    expect(target).toMatchObject({
      chart: '8.10',
      components: { camundaHub: {} },
      camundaHub: { fromAddress: 'noreply@example.com' },
    });
    const hubUi = sandbox.admin
      .directory()
      .applications.find(a => a.uniqueName === HUB[0])!;
    expect(target.clients.camundaHubUi).toBe(hubUi.appId);
    expect(
      fs.readFileSync(path.join(dir, 'new', 'values.yaml'), 'utf8'),
    ).toContain(`clientId: ${hubUi.appId}`);

    sandbox.admin.resetCounters();
    const again = await upgrade({
      apply: true,
      out: path.join(dir, 'again'),
      secretsOut: path.join(dir, 'again-secrets.yaml'),
    });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('No new client secrets');
    expect(sandbox.admin.counters().created).toEqual({
      applications: 0,
      servicePrincipals: 0,
      oauth2PermissionGrants: 0,
      passwordCredentials: 0,
    });

    const finished = await upgrade({ finish: true });
    expect(finished.code).toBe(0);
    expect(finished.stderr).toContain(
      'Applications: 3 removed, 0 already gone',
    );
    expect(finished.stderr).toContain(
      'The Secret entra-credentials no longer needs the keys webmodeler-api-client-secret.',
    );
    expect(registeredNames()).toEqual([...SHARED, ...HUB].sort());

    sandbox.admin.resetCounters();
    const finishedAgain = await upgrade({ finish: true });
    expect(finishedAgain.code).toBe(0);
    expect(finishedAgain.stderr).toContain(
      'Applications: 0 removed, 3 already gone',
    );
    expect(registeredNames()).toEqual([...SHARED, ...HUB].sort());
  });

  it('refuses --apply and --finish together and a line that is not the next', async () => {
    const both = await upgrade({ apply: true, finish: true });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--apply and --finish are separate steps');

    const skipping = await upgrade({ to: '8.8', dryRun: true });
    expect(skipping.code).toBe(1);
    expect(skipping.stderr).toBe(
      'chart: cannot upgrade from 8.9 to 8.8: Camunda upgrades one line at a time, the next is 8.10',
    );
  });
});
