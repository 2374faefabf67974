import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  deliverSecrets,
  generateRepository,
  Registration,
  registerInSandbox,
  renderChart,
  valuesOf,
} from './deployment';
import { PEOPLE } from './golden';
import { ConformanceReport, Person, playConformance } from './harness';

/** One mistake put into an otherwise correct deployment, where it would be made. */
export interface Seed {
  /** Changes the registration in the sandbox, as an edit in the Entra admin center would. */
  registration?: (registration: Registration) => Promise<void>;
  /** Changes the generated values.yaml before it is rendered, as a hand edit would. */
  values?: (values: Record<string, any>) => void;
}

/**
 * The whole path of a deployment: register in the sandbox, deliver the secrets, generate the
 * repository, render it with the real chart and play every component's sign-in.
 */
export async function conformanceOf(
  sandbox: EntraSandbox,
  specInput: Record<string, any>,
  seed: Seed = {},
  people: Person[] = PEOPLE,
): Promise<ConformanceReport> {
  const registration = await registerInSandbox(sandbox, specInput);
  await seed.registration?.(registration);
  const files = generateRepository(registration);
  const secrets = deliverSecrets(registration, files);
  const values = valuesOf(files);
  seed.values?.(values);
  return playConformance({
    line: registration.spec.chart,
    spec: registration.spec,
    chart: renderChart(registration.spec, values, secrets),
    secrets,
    people,
    ca: sandbox.caPem,
  });
}
