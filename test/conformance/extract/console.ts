import { StepFailure } from '../failure';
import { RenderedChart } from '../rendered';
import { lookup } from '../springConfig';
import { identitySdkScopes } from './identitySdk';
import { SpaSignIn } from './types';

/**
 * Where users open Console, whose single-page app redirects back to its own root: the chart
 * renders that URL only into Management Identity's Console preset (`root-url` and its
 * redirect path `/`, from `global.identity.auth.console.redirectUrl`), not into Console's own
 * configuration, whose component list keeps `http://localhost:8087`.
 */
function consoleRedirectUri(chart: RenderedChart): string {
  const identity = chart
    .container(`${chart.release}-identity`)
    ?.yamlFile('/app/config/application.yaml');
  const application = (
    lookup(identity, 'identity.component-presets.console.applications') as
      | unknown[]
      | undefined
  )?.[0];
  const root = lookup(application, 'root-url');
  const path = (
    lookup(application, 'redirect-uris') as string[] | undefined
  )?.[0];
  if (typeof root !== 'string' || typeof path !== 'string') {
    throw new StepFailure(
      'configuration',
      "Management Identity's Console preset has no root-url and redirect URI",
    );
  }
  return `${root.replace(/\/+$/, '')}${path}`;
}

/**
 * Console (8.8 and 8.9; gone in 8.10): Deployment `<release>-console`, a Node app reading
 * `/var/run/config/application.yaml` (`camunda.console.oAuth.*`, the provider from its
 * `wellKnown` URL) and `CAMUNDA_IDENTITY_CLIENT_ID` / `_AUDIENCE`, which take precedence. Its
 * API accepts tokens for its audience.
 */
export function consoleSignIn(chart: RenderedChart): SpaSignIn | undefined {
  const container = chart.container(`${chart.release}-console`);
  if (!container) {
    return undefined;
  }
  const oAuth = lookup(
    container.yamlFile('/var/run/config/application.yaml'),
    'camunda.console.oAuth',
  ) as Record<string, string> | undefined;
  const clientId =
    container.env('CAMUNDA_IDENTITY_CLIENT_ID') ?? oAuth?.clientId;
  const audience =
    container.env('CAMUNDA_IDENTITY_AUDIENCE') ?? oAuth?.audience;
  if (!clientId || !audience || !oAuth?.wellKnown) {
    throw new StepFailure(
      'configuration',
      'camunda.console.oAuth clientId, audience and wellKnown are not all set',
    );
  }
  return {
    flow: 'spa',
    authority: { wellKnown: oAuth.wellKnown },
    clientId,
    redirectUri: consoleRedirectUri(chart),
    scopes: identitySdkScopes(clientId),
    audiences: [audience],
  };
}
