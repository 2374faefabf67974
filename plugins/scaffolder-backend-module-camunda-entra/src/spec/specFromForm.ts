import {
  BrowserComponent,
  CAMUNDA_COMPONENTS,
  CamundaComponent,
  bundlesDatabases,
  CHART_LINE_COMPONENTS,
  CHART_LINES,
  ChartLine,
  COMPONENT_REQUIREMENTS,
} from '@camunda-entra/plugin-camunda-entra-common';
import { presetAuthorizations } from './machineClientPresets';

/**
 * What the Camunda template's form collects: checkboxes instead of the spec's
 * presence-means-enabled components, and a base domain instead of one URL per component.
 *
 * @public
 */
export interface DeploymentForm {
  name: string;
  namespace: string;
  chart: string;
  owner?: string;
  components: Partial<Record<CamundaComponent, boolean>>;
  /** Gives every component without an explicit URL https://<name>-<component>.<baseDomain>. */
  baseDomain?: string;
  urls?: Partial<Record<BrowserComponent, string>>;
  admins: string[];
  webModelerFromAddress?: string;
  secretLifetimeDays?: number;
  /** Each named client gets the authorizations of its presets (see MACHINE_CLIENT_PRESETS). */
  machineClients?: Array<{ name: string; presets: string[] }>;
  /** Entra object ID of the group whose members become Orchestration Cluster admins. */
  adminGroupId?: string;
  /** The services chart 8.10 no longer installs (ignored on the lines that bundle them). */
  external?: ExternalServicesForm;
}

/**
 * The template's page for the services chart 8.10 no longer installs: one PostgreSQL server
 * for Management Identity and Camunda Hub, and the secondary storage.
 *
 * @public
 */
export interface ExternalServicesForm {
  postgresHost?: string;
  /** Secret with the keys identity-database-password and camunda-hub-database-password. */
  postgresSecret?: string;
  searchType?: 'externalElasticsearch' | 'externalOpensearch';
  searchUrl?: string;
  searchUsername?: string;
  /** Secret with the search user's password under the key `password`. */
  searchSecret?: string;
}

/** Database and user of each component on the PostgreSQL server the form names. */
const FORM_DATABASES = {
  identity: 'identity',
  camundaHub: 'camunda-hub',
} as const;

const HOST_PREFIX: Record<BrowserComponent, string> = {
  orchestration: 'orchestration',
  identity: 'identity',
  optimize: 'optimize',
  webModeler: 'modeler',
  console: 'console',
  camundaHub: 'hub',
};

/**
 * The deployment spec (without tenant, which the portal's directory supplies) a form
 * describes. The form hides a component whose prerequisite is unchecked, so such a component
 * counts as disabled even if its hidden checkbox kept an earlier value; and it offers every
 * component of every line, so a component the chosen line does not have (Web Modeler and
 * Console on 8.10, Camunda Hub before) counts as disabled too.
 *
 * @public
 */
export function specFromForm(form: DeploymentForm): Record<string, unknown> {
  const line = (CHART_LINES as readonly string[]).includes(form.chart)
    ? (form.chart as ChartLine)
    : undefined;
  const onLine = (component: CamundaComponent): boolean =>
    (line ? CHART_LINE_COMPONENTS[line] : CAMUNDA_COMPONENTS).includes(
      component,
    );
  const enabled = (component: CamundaComponent): boolean =>
    form.components[component] === true &&
    onLine(component) &&
    COMPONENT_REQUIREMENTS.filter(r => r.component === component).every(r =>
      enabled(r.requires),
    );

  const components = Object.fromEntries(
    CAMUNDA_COMPONENTS.filter(enabled).map(component => {
      if (component === 'connectors') {
        return [component, {}];
      }
      const url = componentUrl(form, component);
      return [component, url ? { url } : {}];
    }),
  );

  return {
    name: form.name,
    namespace: form.namespace,
    chart: form.chart,
    components,
    admins: form.admins,
    ...(form.owner && { owner: form.owner }),
    ...(form.secretLifetimeDays && {
      secretLifetimeDays: form.secretLifetimeDays,
    }),
    ...(enabled('webModeler') &&
      form.webModelerFromAddress && {
        webModeler: { fromAddress: form.webModelerFromAddress },
      }),
    ...(enabled('camundaHub') &&
      form.webModelerFromAddress && {
        camundaHub: { fromAddress: form.webModelerFromAddress },
      }),
    ...(form.machineClients &&
      form.machineClients.length > 0 && {
        machineClients: form.machineClients.map(client => ({
          name: client.name,
          authorizations: presetAuthorizations(client.presets ?? []),
        })),
      }),
    ...(form.adminGroupId && {
      access: { groups: [{ id: form.adminGroupId, roles: ['admin'] }] },
    }),
    ...(line && !bundlesDatabases(line) && externalServices(form, enabled)),
  };
}

/**
 * The spec's `databases` and `secondaryStorage` from the form's external services, for the
 * enabled components that need them; what the form leaves empty stays out, for validation to
 * name.
 */
function externalServices(
  form: DeploymentForm,
  enabled: (component: CamundaComponent) => boolean,
): Record<string, unknown> {
  const external = form.external ?? {};
  const host = external.postgresHost?.trim();
  const secret = external.postgresSecret?.trim();
  const databases = Object.fromEntries(
    (['identity', 'camundaHub'] as const)
      .filter(component => enabled(component) && host && secret)
      .map(component => [
        component,
        {
          host,
          database: FORM_DATABASES[component],
          username: FORM_DATABASES[component],
          password: {
            name: secret,
            key: `${FORM_DATABASES[component]}-database-password`,
          },
        },
      ]),
  );
  const url = external.searchUrl?.trim();
  const username = external.searchUsername?.trim();
  const searchSecret = external.searchSecret?.trim();
  const storageNeeded = enabled('orchestration') || enabled('optimize');
  return {
    ...(Object.keys(databases).length > 0 && { databases }),
    ...(storageNeeded &&
      url && {
        secondaryStorage: {
          type: external.searchType ?? 'externalElasticsearch',
          url,
          ...(username && { username }),
          ...(searchSecret && {
            password: { name: searchSecret, key: 'password' },
          }),
        },
      }),
  };
}

function componentUrl(
  form: DeploymentForm,
  component: BrowserComponent,
): string | undefined {
  const explicit = form.urls?.[component]?.trim();
  if (explicit) {
    return explicit;
  }
  const domain = form.baseDomain?.trim().replace(/^\.+|\.+$/g, '');
  return domain
    ? `https://${form.name}-${HOST_PREFIX[component]}.${domain}`
    : undefined;
}
