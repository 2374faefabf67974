import {
  BROWSER_COMPONENTS,
  CAMUNDA_COMPONENT_LABELS,
  CAMUNDA_ENTRA_ANNOTATIONS,
  DeploymentSpec,
  clientIdAnnotation,
  deploymentClientIds,
  deploymentEntityName,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * The catalog entity of a deployment. A Component (type service) rather than a Resource:
 * it is software a team owns and operates, with a lifecycle, links to its UIs and
 * Kubernetes workloads; Resources are the infrastructure such components depend on.
 */
export function buildCatalogEntity(spec: DeploymentSpec, owner: string) {
  // Machine clients too (`client-id.machine.<name>`), so the card finds their applications.
  const clientAnnotations = Object.fromEntries(
    Object.entries(deploymentClientIds(spec.clients)).map(([client, id]) => [
      clientIdAnnotation(client),
      id,
    ]),
  );
  const links = BROWSER_COMPONENTS.flatMap(component => {
    const url = spec.components[component]?.url;
    return url ? [{ url, title: CAMUNDA_COMPONENT_LABELS[component] }] : [];
  });
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: deploymentEntityName(spec.name),
      title: `Camunda ${spec.name}`,
      description: `Camunda ${spec.chart} in namespace ${spec.namespace}, signing in with Microsoft Entra ID`,
      annotations: {
        [CAMUNDA_ENTRA_ANNOTATIONS.deployment]: spec.name,
        [CAMUNDA_ENTRA_ANNOTATIONS.tenantId]: spec.tenant.id,
        [CAMUNDA_ENTRA_ANNOTATIONS.cloud]: spec.tenant.cloud,
        [CAMUNDA_ENTRA_ANNOTATIONS.chart]: spec.chart,
        ...clientAnnotations,
        'backstage.io/kubernetes-namespace': spec.namespace,
        'backstage.io/kubernetes-label-selector': `app.kubernetes.io/instance=${spec.release}`,
      },
      tags: ['camunda', 'entra-id', 'helm'],
      ...(links.length > 0 ? { links } : {}),
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}
