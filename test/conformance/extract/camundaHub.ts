import { RenderedChart } from '../rendered';
import { Line, SpaSignIn } from './types';
import { modelerUiSignIn } from './webModeler';

/**
 * Camunda Hub (8.10 preview), the Web Modeler webapp with Console inside it: chart 15.x
 * renders it into Web Modeler's REST API Deployment (`<release>-web-modeler-restapi`) with the
 * 8.9 keys (`camunda.modeler.oauth2.client-id`, `camunda.modeler.server.url`,
 * `camunda.modeler.security.jwt.audience.internal-api`, from `global.identity.auth.camundaHub`).
 * Console's own client is gone.
 */
export function camundaHubSignIn(
  chart: RenderedChart,
  line: Line,
): SpaSignIn | undefined {
  return line === '8.10' ? modelerUiSignIn(chart, line) : undefined;
}
