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
import { Line, OrchestrationAccess, SpaSignIn } from './extract/types';
import { webModelerSignIn } from './extract/webModeler';
import { StepFailure } from './failure';
import { playClientSignIn } from './play/clientSignIn';
import { clientGrants, personRoles } from './play/orchestrationGrants';
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

/** One component's play; undefined when the chart did not render the component. */
type Play = () => Promise<void | undefined | 'absent'>;

function missingRoles(expected: string[], actual: string[]) {
  return expected.filter(role => !actual.includes(role));
}

function requireAccess(access: OrchestrationAccess | undefined) {
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
  const access = () => requireAccess(orchestrationAccess(chart));
  const web =
    (extract: typeof identitySignIn): Play =>
    async () => {
      const signIn = extract(chart);
      if (!signIn) return 'absent';
      await playWebSignIn(signIn, people[0].upn, ca);
      return undefined;
    };
  const spa =
    (extract: (c: RenderedChart, l: Line) => SpaSignIn | undefined): Play =>
    async () => {
      const signIn = extract(chart, line);
      if (!signIn) return 'absent';
      await playSpaSignIn(signIn, people[0].upn, ca);
      return undefined;
    };
  const machineClients: Array<[string, Play]> = (spec.machineClients ?? []).map(
    ({ name }) => [
      `machine client ${name}`,
      async () => {
        const orchestration = access();
        const clientId = spec.clients.machine?.[name] ?? '';
        // The scope the generated README tells the worker to ask for.
        await playClientSignIn(
          {
            flow: 'client-credentials',
            authority: { issuer: orchestration.issuer },
            clientId,
            clientSecret: secrets.read(
              { name: spec.secrets.entra, key: machineClientSecretKey(name) },
              `the worker of ${name}`,
            ),
            scope: `${orchestration.clientId}/.default`,
          },
          orchestration,
          ca,
        );
        if (clientGrants(orchestration, clientId).authorizations === 0) {
          throw new StepFailure(
            'authorizations',
            `no rendered authorization names the client ${clientId}`,
          );
        }
      },
    ],
  );
  return [
    [
      'orchestration',
      async () => {
        const signIn = orchestrationSignIn(chart, line);
        if (!signIn) return 'absent';
        const orchestration = access();
        for (const person of people) {
          const claims = await playWebSignIn(signIn, person.upn, ca);
          if (typeof claims[orchestration.usernameClaim] !== 'string') {
            throw new StepFailure(
              'username claim',
              `${person.upn} has no ${orchestration.usernameClaim} claim`,
            );
          }
          const missing = missingRoles(
            person.roles,
            personRoles(orchestration, claims),
          );
          if (missing.length > 0) {
            throw new StepFailure(
              'roles',
              `${person.upn} is not given ${missing.join(
                ', ',
              )} by the rendered users and mapping rules`,
            );
          }
        }
        return undefined;
      },
    ],
    [
      'connectors',
      async () => {
        const signIn = connectorsSignIn(chart);
        if (!signIn) return 'absent';
        const orchestration = access();
        const clientId = await playClientSignIn(signIn, orchestration, ca);
        if (
          !clientGrants(orchestration, clientId).roles.includes('connectors')
        ) {
          throw new StepFailure(
            'roles',
            `the client ${clientId} has no connectors role`,
          );
        }
        return undefined;
      },
    ],
    ['identity', web(identitySignIn)],
    ['optimize', web(optimizeSignIn)],
    ['webModeler', spa(webModelerSignIn)],
    ['camundaHub', spa(camundaHubSignIn)],
    ['console', spa(consoleSignIn)],
    ...machineClients,
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
      if ((await play()) !== 'absent') {
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
