import {
  ChartLine,
  DeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { BreakingChange } from './types';

interface BreakingChangeRule extends BreakingChange {
  /** Whether the change concerns a deployment on the current line. */
  applies: (spec: DeploymentSpec) => boolean;
}

const enabled =
  (...components: Array<keyof DeploymentSpec['components']>) =>
  (spec: DeploymentSpec) =>
    components.some(component => spec.components[component] !== undefined);

const always = () => true;

/**
 * The chart's breaking changes from each line to the next (from its release notes and
 * values, see /work/shared/reference and docs/provisioning.md), keyed by the current line.
 */
const BREAKING_CHANGES: Partial<Record<ChartLine, BreakingChangeRule[]>> = {
  '8.8': [
    {
      id: 'flat-secret-keys',
      summary:
        'Chart 14.x refuses the flat secret keys 13.x accepted (global.identity.auth.*.existingSecret, the OIDC existingSecret of orchestration and connectors, global.secrets.*) and reads a flat string as the secret itself: the generated values use the nested secret: {existingSecret, existingSecretKey} form; move any hand-edited key to it.',
      applies: enabled(
        'orchestration',
        'connectors',
        'identity',
        'optimize',
        'webModeler',
      ),
    },
    {
      id: 'secondary-storage-required',
      summary:
        'Chart 14.x installs no Elasticsearch by default and refuses to render without secondary storage: the values enable the bundled Elasticsearch explicitly.',
      applies: spec =>
        enabled('orchestration', 'optimize')(spec) &&
        (spec.secondaryStorage === undefined ||
          spec.secondaryStorage.type === 'elasticsearch'),
    },
    {
      id: 'userinfo-disabled',
      summary:
        'The Orchestration Cluster 8.9 (Spring Security 7) calls the userinfo endpoint on every login, which Microsoft Graph refuses for Camunda tokens: the values turn the call off (CAMUNDA_SECURITY_AUTHENTICATION_OIDC_USERINFOENABLED=false); claims come from the ID token.',
      applies: enabled('orchestration'),
    },
    {
      id: 'web-modeler-webapp-merged',
      summary:
        "Web Modeler's webapp is merged into its REST API in 14.x: its UI is served by the web-modeler-restapi service (port-forwards and ingress rules change).",
      applies: enabled('webModeler'),
    },
  ],
  '8.9': [
    {
      id: 'camunda-hub',
      summary:
        "Camunda Hub replaces Web Modeler and Console in 15.x: it gets two new Entra applications (UI and public API) at Web Modeler's URL; Web Modeler's and Console's applications are deleted when the upgrade is finished.",
      applies: enabled('webModeler', 'console'),
    },
    {
      id: 'console-auth-dropped',
      summary:
        "Chart 15.x drops Console's auth configuration (global.identity.auth.console.*) without replacement: Console signs in through Camunda Hub.",
      applies: enabled('console'),
    },
    {
      id: 'bundled-databases-removed',
      summary:
        "Chart 15.x bundles no PostgreSQL: Management Identity and Camunda Hub use the external databases the spec names (databases); move identityPostgresql's and webModelerPostgresql's data there before the new values are deployed.",
      applies: enabled('identity', 'webModeler'),
    },
    {
      id: 'bundled-elasticsearch-removed',
      summary:
        'Chart 15.x bundles no Elasticsearch and takes search connections per component (orchestration.data.secondaryStorage, optimize.database) instead of global.elasticsearch: the spec names an external Elasticsearch, OpenSearch or relational database.',
      applies: enabled('orchestration', 'optimize'),
    },
    {
      id: 'oidc-keys-deprecated',
      summary:
        "Chart 15.x deprecates the Orchestration Cluster's OIDC claim, scope and redirect keys, mapping rules and authorizations (removed in chart 16): the values set them in orchestration.extraConfiguration instead.",
      applies: enabled('orchestration'),
    },
    {
      id: 'helm-4',
      summary:
        'Chart 15.x refuses Helm 3 ("requires Helm CLI v4 or later"): render and install with Helm 4.',
      applies: always,
    },
  ],
};

/**
 * The chart's breaking changes from `spec`'s line to the next that concern `spec`.
 *
 * @public
 */
export function breakingChanges(spec: DeploymentSpec): BreakingChange[] {
  return (BREAKING_CHANGES[spec.chart] ?? [])
    .filter(rule => rule.applies(spec))
    .map(({ id, summary }) => ({ id, summary }));
}
