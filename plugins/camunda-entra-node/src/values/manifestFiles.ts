/** The folder of plain manifests in the repository, which Argo CD applies beside the chart. */
export const MANIFESTS_FOLDER = 'manifests';

/** The ExternalSecret's file in the repository. */
export const EXTERNAL_SECRET_FILE = `${MANIFESTS_FOLDER}/external-secret.yaml`;

/** The deployment's own SecretStore and its service account. */
export const SECRET_STORE_FILE = `${MANIFESTS_FOLDER}/secret-store.yaml`;
