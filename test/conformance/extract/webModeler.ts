import { StepFailure } from '../failure';
import { RenderedChart } from '../rendered';
import { SpringConfig } from '../springConfig';
import { readFlatToml } from '../toml';
import { callbackUrl, identitySdkScopes } from './identitySdk';
import { Line, SpaSignIn } from './types';

const JWT = 'camunda.modeler.security.jwt';

/** Web Modeler's REST API (Spring Boot), which checks the UI's tokens. */
function restApi(chart: RenderedChart): SpringConfig | undefined {
  const container = chart.container(`${chart.release}-web-modeler-restapi`);
  return container
    ? SpringConfig.load(container, '/home/runner/config/application.yaml')
    : undefined;
}

/**
 * The UI's settings: on 8.8 the separate webapp (Deployment `<release>-web-modeler-webapp`,
 * `/home/webapp/application.toml`), from 8.9 the REST API itself, into which the webapp was
 * merged (`camunda.modeler.oauth2.client-id`, `camunda.modeler.server.url`).
 */
function uiSettings(chart: RenderedChart, api: SpringConfig, line: Line) {
  if (line === '8.8') {
    const webapp = chart.container(`${chart.release}-web-modeler-webapp`);
    const text = webapp?.file('/home/webapp/application.toml');
    if (text === undefined) {
      throw new StepFailure(
        'configuration',
        'the 8.8 webapp or its application.toml is not rendered',
      );
    }
    const toml = readFlatToml(text);
    return {
      clientId: toml['oAuth2.clientId'],
      issuer: toml['oAuth2.token.issuer'],
      url: toml['server.url'],
      usernameClaim: toml['oAuth2.token.usernameClaim'],
    };
  }
  return {
    clientId: api.get('camunda.modeler.oauth2.client-id'),
    issuer: api.get('camunda.identity.issuer'),
    url: api.get('camunda.modeler.server.url'),
    usernameClaim: api.get('camunda.modeler.oauth2.token.username-claim'),
  };
}

/**
 * Web Modeler's UI, a single-page app that redirects to `<server url>/login-callback` and calls
 * its REST API with the token, which accepts the `internal-api` audience. On 8.10 the same
 * Deployment is Camunda Hub (camundaHub.ts).
 */
export function modelerUiSignIn(
  chart: RenderedChart,
  line: Line,
): SpaSignIn | undefined {
  const api = restApi(chart);
  if (!api) {
    return undefined;
  }
  const ui = uiSettings(chart, api, line);
  if (!ui.clientId || !ui.issuer || !ui.url) {
    throw new StepFailure(
      'configuration',
      "the UI's client ID, issuer and server URL are not all set",
    );
  }
  return {
    flow: 'spa',
    authority: { issuer: ui.issuer },
    clientId: ui.clientId,
    redirectUri: callbackUrl(ui.url, '/login-callback'),
    scopes: identitySdkScopes(ui.clientId),
    audiences: [api.get(`${JWT}.audience.internal-api`) ?? ''],
    usernameClaim: ui.usernameClaim,
  };
}

/** Web Modeler, up to 8.9; on 8.10 its Deployment is Camunda Hub's. */
export function webModelerSignIn(
  chart: RenderedChart,
  line: Line,
): SpaSignIn | undefined {
  return line === '8.10' ? undefined : modelerUiSignIn(chart, line);
}
