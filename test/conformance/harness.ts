import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { machineClientSecretKey } from '@camunda-entra/plugin-camunda-entra-node';
import { DeliveredSecrets } from './delivery';
import { camundaHubSignIn } from './extract/camundaHub';
import { consoleSignIn } from './extract/console';
import { connectorsSignIn } from './extract/connectors';
import { identitySignIn } from './extract/identity';
import { optimizeSignIn } from './extract/optimize';
import {
  orchestrationAccess,
  orchestrationSignIn,
} from './extract/orchestration';
import {
  Line,
  OrchestrationAccess,
  SpaSignIn,
  WebSignIn,
} from './extract/types';
import { webModelerSignIn } from './extract/webModeler';
import { StepFailure } from './failure';
import { playClientSignIn } from './play/clientSignIn';
import { clientGrants } from './play/orchestrationGrants';
import { playOrchestrationLogin } from './play/orchestrationLogin';
import { playSpaSignIn } from './play/spaSignIn';
import { playWebSignIn } from './play/webSignIn';
import { RenderedChart } from './rendered';

/** Someone who signs in to the Orchestration Cluster, and the roles they must end up with. */
export interface Person {
  upn: string;
  roles: string[];
}

/** What the harness plays against: a render, the delivered secrets and the people. */
export interface ConformanceInput {
  line: Line;
  spec: DeploymentSpec;
  chart: RenderedChart;
  secrets: DeliveredSecrets;
  /** The first also signs in to the other web and single-page apps. */
  people: Person[];
  /** The sandbox's CA, which the components trust. */
  ca: string;
}

/** The outcome: which components signed in, and one line per failure. */
export interface ConformanceReport {
  passed: string[];
  failures: string[];
}

/** One component's play: `absent` when the chart did not render the component. */
type Play = () => Promise<'played' | 'absent'>;

/** The Orchestration Cluster's checks, which every machine's token must pass. */
function requireAccess(chart: RenderedChart): OrchestrationAccess {
  const access = orchestrationAccess(chart);
  if (!access) {
    throw new StepFailure(
      'configuration',
      'no Orchestration Cluster is rendered to accept tokens',
    );
  }
  return access;
}

/**
 * The plays of a deployment, per component: its sign-in as the rendered manifests configure
 * it, against the sandbox. Each stops at its first failing step.
 */
function plays(input: ConformanceInput): Array<[string, Play]> {
  const { chart, line, ca, people, spec, secrets } = input;
  // Read from the rendered configuration once, when the first play needs it.
  let orchestrationChecks: OrchestrationAccess | undefined;
  const access = () => (orchestrationChecks ??= requireAccess(chart));
  const web =
    (extract: (c: RenderedChart) => WebSignIn | undefined): Play =>
    async () => {
      const signIn = extract(chart);
      if (!signIn) return 'absent';
      await playWebSignIn(signIn, people[0].upn, ca);
      return 'played';
    };
  const spa =
    (extract: (c: RenderedChart, l: Line) => SpaSignIn | undefined): Play =>
    async () => {
      const signIn = extract(chart, line);
      if (!signIn) return 'absent';
      await playSpaSignIn(signIn, people[0].upn, ca);
      return 'played';
    };

  const orchestration: Play = async () => {
    const signIn = orchestrationSignIn(chart, line);
    if (!signIn) return 'absent';
    for (const person of people) {
      await playOrchestrationLogin(signIn, access(), person, ca);
    }
    return 'played';
  };

  const connectors: Play = async () => {
    const signIn = connectorsSignIn(chart);
    if (!signIn) return 'absent';
    const checks = access();
    const clientId = await playClientSignIn(signIn, checks, ca);
    if (!clientGrants(checks, clientId).roles.includes('connectors')) {
      throw new StepFailure(
        'roles',
        `the client ${clientId} has no connectors role`,
      );
    }
    return 'played';
  };

  // Machine clients are not in the chart: their worker holds the delivered secret and asks for
  // the scope the generated README names, `<Orchestration Cluster client ID>/.default`.
  const machineClient =
    (name: string): Play =>
    async () => {
      const checks = access();
      const clientId = spec.clients.machine?.[name] ?? '';
      await playClientSignIn(
        {
          flow: 'client-credentials',
          authority: { issuer: checks.issuer },
          clientId,
          clientSecret: secrets.read(
            { name: spec.secrets.entra, key: machineClientSecretKey(name) },
            `the worker of ${name}`,
          ),
          scope: `${checks.clientId}/.default`,
        },
        checks,
        ca,
      );
      if (clientGrants(checks, clientId).authorizations === 0) {
        throw new StepFailure(
          'authorizations',
          `no rendered authorization names the client ${clientId}`,
        );
      }
      return 'played';
    };

  return [
    ['orchestration', orchestration],
    ['connectors', connectors],
    ['identity', web(identitySignIn)],
    ['optimize', web(optimizeSignIn)],
    ['webModeler', spa(webModelerSignIn)],
    ['camundaHub', spa(camundaHubSignIn)],
    ['console', spa(consoleSignIn)],
    ...(spec.machineClients ?? []).map(({ name }): [string, Play] => [
      `machine client ${name}`,
      machineClient(name),
    ]),
  ];
}

/**
 * Plays every rendered component's sign-in; a failure reads `<line> <component>: <step>:
 * <what Entra or the component said>`.
 */
export async function playConformance(
  input: ConformanceInput,
): Promise<ConformanceReport> {
  const report: ConformanceReport = { passed: [], failures: [] };
  for (const [component, play] of plays(input)) {
    try {
      if ((await play()) === 'played') {
        report.passed.push(component);
      }
    } catch (error) {
      const message =
        error instanceof StepFailure
          ? error.message
          : `unexpected: ${(error as Error)?.message ?? error}`;
      report.failures.push(`${input.line} ${component}: ${message}`);
    }
  }
  return report;
}
