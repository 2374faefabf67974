import {
  BrowserComponent,
  CAMUNDA_COMPONENTS,
  CamundaComponent,
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
}

const HOST_PREFIX: Record<BrowserComponent, string> = {
  orchestration: 'orchestration',
  identity: 'identity',
  optimize: 'optimize',
  webModeler: 'modeler',
  console: 'console',
};

/**
 * The deployment spec (without tenant, which the portal's directory supplies) a form
 * describes. The form hides a component whose prerequisite is unchecked, so such a component
 * counts as disabled even if its hidden checkbox kept an earlier value.
 *
 * @public
 */
export function specFromForm(form: DeploymentForm): Record<string, unknown> {
  const enabled = (component: CamundaComponent): boolean =>
    form.components[component] === true &&
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
