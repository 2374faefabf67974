import type { ChartLine } from './chartLines';

/**
 * The Entra ID national clouds.
 *
 * @public
 */
export const ENTRA_CLOUDS = ['global', 'usgov', 'china'] as const;

/**
 * An Entra ID national cloud.
 *
 * @public
 */
export type EntraCloud = (typeof ENTRA_CLOUDS)[number];

/**
 * A validated deployment spec, with defaults applied: what the CLI, the backend, the
 * scaffolder actions and the frontend form agree a Camunda 8 deployment on Entra ID is.
 * `validateDeploymentSpec` is the only way to get one from user input.
 *
 * @public
 */
export interface DeploymentSpec {
  /** Deployment name, a DNS label of at most 40 characters; the key of the Entra applications' uniqueName. */
  name: string;
  /** Kubernetes namespace, a DNS label. */
  namespace: string;
  /** Helm release name, a DNS label. Default: `camunda`. */
  release: string;
  /** Camunda chart line: `8.8` (chart 13.x), `8.9` (chart 14.x) or `8.10` (chart 15.x, preview). */
  chart: ChartLine;
  /** The Entra tenant the applications are registered in. */
  tenant: DeploymentTenant;
  /** The components present are enabled; at least one. */
  components: DeploymentComponents;
  /** Entra application (client) IDs, filled in by registration. Default: none. */
  clients: DeploymentClients;
  /** Confidential Entra applications for job workers, CI/CD and scripts. */
  machineClients?: MachineClientSpec[];
  /** Orchestration Cluster roles for members of Entra groups. */
  access?: DeploymentAccess;
  /** Initial administrators: token claim values, normally user principal names; at least one. */
  admins: string[];
  /** Web Modeler's e-mail; required when Web Modeler is enabled. */
  webModeler?: EmailSenderSpec;
  /** Camunda Hub's e-mail; required when Camunda Hub is enabled. */
  camundaHub?: EmailSenderSpec;
  /** The PostgreSQL databases chart 15.x (8.10) no longer bundles; only on that chart line. */
  databases?: DeploymentDatabases;
  /** Token claims that identify users and clients. */
  claims: DeploymentClaims;
  /** Names of the two Kubernetes Secrets the values refer to. */
  secrets: DeploymentSecrets;
  /** Lifetime of the client secrets registration creates, 1 to 730 days. Default: 180. */
  secretLifetimeDays: number;
  /** Secondary storage. Without it, charts 8.8 and 8.9 install Elasticsearch; 8.10 needs one. */
  secondaryStorage?: SecondaryStorageSpec;
  /** Catalog owner of the deployment entity, e.g. `group:default/platform-team`. */
  owner?: string;
  /** When present, an Argo CD Application is generated. */
  argocd?: ArgoCdSpec;
  /**
   * When present, the client secrets live in this store and the repository carries an
   * ExternalSecret that builds the Entra Secret from it, instead of a script creating it.
   */
  secretStore?: SecretStoreSpec;
}

/**
 * The Entra tenant of a deployment.
 *
 * @public
 */
export interface DeploymentTenant {
  /** The tenant (directory) ID, a GUID. */
  id: string;
  /** The national cloud the tenant lives in. Default: `global`. */
  cloud: EntraCloud;
  /** Custom authority host (e.g. the local Entra sandbox), https; overrides the cloud's. */
  authorityHost?: string;
  /** Custom Microsoft Graph base URL, https; overrides the cloud's. */
  graphUrl?: string;
}

/**
 * The enabled components of a deployment: each key present enables its component.
 *
 * @public
 */
export interface DeploymentComponents {
  /** The Orchestration Cluster (Zeebe, Operate, Tasklist and its Identity). */
  orchestration?: BrowserComponentSpec;
  /** Connectors, which authenticate with the Orchestration Cluster's client. */
  connectors?: Record<string, never>;
  /** Management Identity. */
  identity?: BrowserComponentSpec;
  /** Optimize; needs Management Identity. */
  optimize?: BrowserComponentSpec;
  /** Web Modeler (8.8 and 8.9); needs Management Identity. */
  webModeler?: BrowserComponentSpec;
  /** Console (8.8 and 8.9); needs Management Identity. */
  console?: BrowserComponentSpec;
  /** Camunda Hub (8.10), Web Modeler with Console inside; needs Management Identity. */
  camundaHub?: BrowserComponentSpec;
}

/**
 * A component that users open in a browser.
 *
 * @public
 */
export interface BrowserComponentSpec {
  /**
   * Base URL as users' browsers reach it, with context path if any; http only for localhost.
   * Default: the guide's port-forwarded localhost URL.
   */
  url?: string;
}

/**
 * The Entra application (client) IDs of a deployment, each a GUID, set only for enabled
 * components.
 *
 * @public
 */
export interface DeploymentClients {
  /** The Orchestration Cluster's, shared by Connectors. */
  orchestration?: string;
  /** Management Identity's. */
  identity?: string;
  /** Optimize's. */
  optimize?: string;
  /** Web Modeler's UI. */
  webModelerUi?: string;
  /** Web Modeler's public API. */
  webModelerApi?: string;
  /** Console's. */
  console?: string;
  /** Camunda Hub's UI. */
  camundaHubUi?: string;
  /** Camunda Hub's public API. */
  camundaHubApi?: string;
  /** Machine client name to its application (client) ID. */
  machine?: Record<string, string>;
}

/**
 * A confidential Entra application for job workers, CI/CD or scripts.
 *
 * @public
 */
export interface MachineClientSpec {
  /** A DNS label that names the client's Entra application and its entry in `clients.machine`. */
  name: string;
  /** What it may do in the Orchestration Cluster, checked against the chart line; at least one. */
  authorizations: MachineClientAuthorization[];
}

/**
 * One Orchestration Cluster authorization of a machine client.
 *
 * @public
 */
export interface MachineClientAuthorization {
  /** A Camunda resource type such as `PROCESS_DEFINITION`. */
  resourceType: string;
  /** A resource ID (e.g. a BPMN process ID), or `*` for all. */
  resourceId: string;
  /** The permissions granted on it, e.g. `READ_PROCESS_INSTANCE`; at least one. */
  permissions: string[];
}

/**
 * Orchestration Cluster roles for members of Entra groups.
 *
 * @public
 */
export interface DeploymentAccess {
  /** Entra security groups whose members get roles. */
  groups?: GroupAccessSpec[];
}

/**
 * The Orchestration Cluster roles of an Entra security group's members.
 *
 * @public
 */
export interface GroupAccessSpec {
  /** The group's object ID, as Entra puts it in the groups claim. */
  id: string;
  /** Orchestration Cluster role IDs; at least one. */
  roles: string[];
}

/**
 * The sender of a component's e-mails.
 *
 * @public
 */
export interface EmailSenderSpec {
  /** Sender address, an e-mail address. */
  fromAddress: string;
}

/**
 * The external PostgreSQL databases of a deployment on chart 15.x (8.10), one per component
 * that needs one.
 *
 * @public
 */
export interface DeploymentDatabases {
  /** Management Identity's; required when it is enabled. */
  identity?: ExternalDatabaseSpec;
  /** Camunda Hub's; required when it is enabled. */
  camundaHub?: ExternalDatabaseSpec;
}

/**
 * A PostgreSQL database outside the chart, as chart 15.x takes it.
 *
 * @public
 */
export interface ExternalDatabaseSpec {
  /** Host name, e.g. `db.example.com`. */
  host: string;
  /** Port. Default: 5432. */
  port: number;
  /** Database name. */
  database: string;
  /** User name. */
  username: string;
  /** Where the password is. */
  password: SecretKeyRef;
}

/**
 * A key of an existing Kubernetes Secret in the deployment's namespace.
 *
 * @public
 */
export interface SecretKeyRef {
  /** Name of the Secret. */
  name: string;
  /** Key inside that Secret. */
  key: string;
}

/**
 * The token claims that identify users and clients.
 *
 * @public
 */
export interface DeploymentClaims {
  /** The claim that names a user. Default: `preferred_username`. */
  username: string;
  /** The claim that names a client. Default: `azp`. */
  clientId: string;
}

/**
 * Names of the two Kubernetes Secrets the generated values refer to.
 *
 * @public
 */
export interface DeploymentSecrets {
  /** The Entra client secrets. Default: `entra-credentials`. */
  entra: string;
  /** Camunda's own secrets. Default: `camunda-credentials`. */
  camunda: string;
}

/**
 * Where Camunda keeps what it searches and reports on.
 *
 * @public
 */
export type SecondaryStorageSpec =
  | BundledElasticsearchSpec
  | ExternalSearchSpec
  | RelationalStorageSpec;

/**
 * Elasticsearch installed by the chart (charts 8.8 and 8.9).
 *
 * @public
 */
export interface BundledElasticsearchSpec {
  /** The kind of storage. */
  type: 'elasticsearch';
}

/**
 * An Elasticsearch or OpenSearch outside the chart.
 *
 * @public
 */
export interface ExternalSearchSpec {
  /** The kind of storage. */
  type: 'externalElasticsearch' | 'externalOpensearch';
  /** Protocol, host and port only, e.g. `https://search.example.com:9200`. */
  url: string;
  /** User name, if it needs one. */
  username?: string;
  /** Where the password is, if it needs one. */
  password?: SecretKeyRef;
}

/**
 * A relational database as secondary storage (chart 8.9 on; Optimize cannot use it).
 *
 * @public
 */
export interface RelationalStorageSpec {
  /** The kind of storage. */
  type: 'rdbms';
  /** JDBC URL, e.g. `jdbc:postgresql://db.example.com:5432/camunda`. */
  url: string;
  /** User name. */
  username: string;
  /** Where the password is. */
  password: SecretKeyRef;
}

/**
 * The Argo CD Application that deploys a values repository.
 *
 * @public
 */
export interface ArgoCdSpec {
  /** Git repository holding the values repository (https or scp-style SSH). */
  repoURL: string;
  /** Folder of the values repository inside the Git repository. Default: `.`. */
  path: string;
  /** Branch, tag or commit. Default: `HEAD`. */
  targetRevision: string;
  /** Argo CD project. Default: `default`. */
  project: string;
  /** Kubernetes API server Argo CD deploys to. Default: `https://kubernetes.default.svc`. */
  server: string;
}

/**
 * Where a deployment's client secrets live for the External Secrets Operator to read: a vault,
 * and either `workloadIdentity` or `storeRef`, never both.
 *
 * @public
 */
export interface SecretStoreSpec {
  /** The kind of store. */
  type: 'azureKeyVault';
  /** The vault the portal's secret sink writes to, e.g. `https://payments-kv.vault.azure.net`. */
  vaultUrl: string;
  /**
   * The default: the repository carries a SecretStore in the deployment's namespace that
   * reads the vault as this identity (a managed identity or application with Key Vault
   * Secrets User on the deployment's secrets, federated with the namespace's service account
   * `camunda-entra-key-vault`), so no other namespace can use it.
   */
  workloadIdentity?: { clientId: string };
  /**
   * Instead, an External Secrets store the cluster already runs (a ClusterSecretStore, which
   * an ExternalSecret in any namespace can read the whole vault through, or a SecretStore).
   */
  storeRef?: SecretStoreRef;
}

/**
 * An External Secrets store the cluster already runs.
 *
 * @public
 */
export interface SecretStoreRef {
  /** Its kind. */
  kind: 'SecretStore' | 'ClusterSecretStore';
  /** Its name. */
  name: string;
}

/**
 * A deployment spec as users write it, before defaults are applied.
 */
export interface DeploymentSpecInput
  extends Omit<
    DeploymentSpec,
    | 'release'
    | 'tenant'
    | 'clients'
    | 'databases'
    | 'claims'
    | 'secrets'
    | 'secretLifetimeDays'
    | 'argocd'
  > {
  /** {@inheritDoc DeploymentSpec.release} */
  release?: string;
  /** {@inheritDoc DeploymentSpec.tenant} */
  tenant: DeploymentTenantInput;
  /** {@inheritDoc DeploymentSpec.clients} */
  clients?: DeploymentClients;
  /** {@inheritDoc DeploymentSpec.databases} */
  databases?: {
    identity?: ExternalDatabaseSpecInput;
    camundaHub?: ExternalDatabaseSpecInput;
  };
  /** {@inheritDoc DeploymentSpec.claims} */
  claims?: Partial<DeploymentClaims>;
  /** {@inheritDoc DeploymentSpec.secrets} */
  secrets?: Partial<DeploymentSecrets>;
  /** {@inheritDoc DeploymentSpec.secretLifetimeDays} */
  secretLifetimeDays?: number;
  /** {@inheritDoc DeploymentSpec.argocd} */
  argocd?: ArgoCdSpecInput;
}

/**
 * An external database as users write it, before defaults are applied.
 */
export interface ExternalDatabaseSpecInput
  extends Omit<ExternalDatabaseSpec, 'port'> {
  /** {@inheritDoc ExternalDatabaseSpec.port} */
  port?: number;
}

/**
 * A deployment's tenant as users write it, before defaults are applied.
 *
 * @public
 */
export interface DeploymentTenantInput extends Omit<DeploymentTenant, 'cloud'> {
  /** {@inheritDoc DeploymentTenant.cloud} */
  cloud?: EntraCloud;
}

/**
 * An Argo CD Application as users write it, before defaults are applied.
 */
export interface ArgoCdSpecInput extends Partial<ArgoCdSpec> {
  /** {@inheritDoc ArgoCdSpec.repoURL} */
  repoURL: string;
}
