import {
  DeploymentSpec,
  deploymentEntityName,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  CAMUNDA_CHART_NAME,
  CAMUNDA_HELM_REPOSITORY,
  chartLineProfile,
} from './chartLines';
import { MANIFESTS_FOLDER } from './manifestFiles';

/**
 * An Argo CD Application installing the chart version the values were validated against,
 * with values.yaml taken from this repository (a multi-source Application), and the
 * repository's manifests when there are any.
 */
export function buildArgoCdApplication(
  spec: DeploymentSpec,
  argocd: NonNullable<DeploymentSpec['argocd']>,
) {
  const folder = argocd.path.replace(/^\.\/?|\/+$/g, '');
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: deploymentEntityName(spec.name), namespace: 'argocd' },
    spec: {
      project: argocd.project,
      destination: { server: argocd.server, namespace: spec.namespace },
      sources: [
        {
          repoURL: CAMUNDA_HELM_REPOSITORY,
          chart: CAMUNDA_CHART_NAME,
          targetRevision: chartLineProfile(spec.chart).chartVersion,
          helm: {
            releaseName: spec.release,
            valueFiles: [
              folder ? `$values/${folder}/values.yaml` : '$values/values.yaml',
            ],
          },
        },
        {
          repoURL: argocd.repoURL,
          targetRevision: argocd.targetRevision,
          ref: 'values',
        },
        // The ExternalSecret that builds the Entra Secret from the vault.
        ...(spec.secretStore
          ? [
              {
                repoURL: argocd.repoURL,
                targetRevision: argocd.targetRevision,
                path: folder
                  ? `${folder}/${MANIFESTS_FOLDER}`
                  : MANIFESTS_FOLDER,
              },
            ]
          : []),
      ],
      syncPolicy: { syncOptions: ['CreateNamespace=true'] },
    },
  };
}
