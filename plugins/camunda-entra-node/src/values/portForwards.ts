import {
  BrowserComponent,
  CAMUNDA_COMPONENT_LABELS,
  CamundaComponent,
  DEFAULT_COMPONENT_URLS,
  DeploymentSpec,
  componentUrl,
} from '@camunda-entra/plugin-camunda-entra-common';
import { chartLineProfile } from './chartLines';

/**
 * One `kubectl port-forward` a deployment's README lists.
 *
 * @public
 */
export interface PortForward {
  component: CamundaComponent;
  label: string;
  service: string;
  localPort: number;
  servicePort: number;
}

/** The local port: the one of a localhost URL in the spec, else the guide's. */
function localPort(spec: DeploymentSpec, component: BrowserComponent): number {
  const url = new URL(componentUrl(spec, component));
  const isLocal = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return Number(
    isLocal && url.port
      ? url.port
      : new URL(DEFAULT_COMPONENT_URLS[component]).port,
  );
}

/**
 * The port-forwards that reach each enabled component (services `<release>-<component>`,
 * names per chart line).
 *
 * @public
 */
export function portForwards(spec: DeploymentSpec): PortForward[] {
  const { components, release } = spec;
  const forward = (
    component: CamundaComponent,
    service: string,
    local: number,
    servicePort: number,
    label = CAMUNDA_COMPONENT_LABELS[component],
  ): PortForward => ({
    component,
    label,
    service: `${release}-${service}`,
    localPort: local,
    servicePort,
  });
  const forwards: PortForward[] = [];
  if (components.identity) {
    forwards.push(
      forward('identity', 'identity', localPort(spec, 'identity'), 80),
    );
  }
  if (components.orchestration) {
    forwards.push(
      forward(
        'orchestration',
        'zeebe-gateway',
        localPort(spec, 'orchestration'),
        8080,
        'Orchestration Cluster (HTTP)',
      ),
      forward(
        'orchestration',
        'zeebe-gateway',
        26500,
        26500,
        'Orchestration Cluster (gRPC)',
      ),
    );
  }
  if (components.connectors) {
    forwards.push(forward('connectors', 'connectors', 8086, 8080));
  }
  if (components.optimize) {
    forwards.push(
      forward('optimize', 'optimize', localPort(spec, 'optimize'), 80),
    );
  }
  // Camunda Hub runs in the Web Modeler deployments it replaces, under their service names.
  for (const component of ['webModeler', 'camundaHub'] as const) {
    if (components[component]) {
      forwards.push(
        forward(
          component,
          chartLineProfile(spec.chart).webModelerUiService,
          localPort(spec, component),
          80,
        ),
        forward(
          component,
          'web-modeler-websockets',
          8085,
          80,
          `${CAMUNDA_COMPONENT_LABELS[component]} websockets`,
        ),
      );
    }
  }
  if (components.console) {
    forwards.push(
      forward('console', 'console', localPort(spec, 'console'), 80),
    );
  }
  return forwards;
}
