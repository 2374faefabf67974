import { z } from 'zod';
import {
  CAMUNDA_COMPONENT_LABELS,
  CAMUNDA_COMPONENTS,
  COMPONENT_REQUIREMENTS,
  ENTRA_CLIENT_COMPONENT,
  ENTRA_CLIENT_KEYS,
  ENTRA_CLIENT_LABELS,
} from './components';
import { accessProblems, missingMachineClientProblems } from './accessProblems';
import {
  bundlesDatabases,
  CHART_LINE_COMPONENTS,
  CHART_LINES,
  ChartLine,
} from './chartLines';
import { browserUrlProblem, httpsUrlProblem, serviceUrlProblem } from './urls';

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
 * The kinds of secondary storage the generator can configure.
 *
 * @public
 */
export const SECONDARY_STORAGE_TYPES = [
  'elasticsearch',
  'externalElasticsearch',
  'externalOpensearch',
  'rdbms',
] as const;

const GUID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Deliberately narrower than RFC 5322: a user principal name or mailbox, nothing that needs
// quoting anywhere it is written.
const EMAIL = /^[A-Za-z0-9.!#$%&*+/=?^_~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const CLAIM = /^[A-Za-z0-9_.:-]+$/;
const ENTITY_REF =
  /^([a-zA-Z][a-zA-Z0-9]*:)?([a-z0-9][-a-z0-9_.]*\/)?[A-Za-z0-9][-A-Za-z0-9_.]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const GIT_SCP_URL = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[A-Za-z0-9._~/-]+$/;

const guid = z
  .string()
  .regex(GUID, 'must be a GUID such as 6f1c2f43-0000-4000-8000-000000000000');

const dnsLabel = (maxLength: number) =>
  z
    .string()
    .max(maxLength, `must be at most ${maxLength} characters`)
    .regex(
      DNS_LABEL,
      'must be a DNS label: lower-case letters, digits and "-", starting and ending with a letter or digit',
    );

const dnsSubdomain = z
  .string()
  .max(253, 'must be at most 253 characters')
  .regex(DNS_SUBDOMAIN, 'must be a Kubernetes resource name (DNS subdomain)');

const email = z
  .string()
  .regex(EMAIL, 'must be an e-mail address or user principal name');

const urlWith = (problem: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }
  });

const browserUrl = urlWith(browserUrlProblem);
const httpsUrl = urlWith(httpsUrlProblem);

const browserComponent = z
  .object({
    /** Base URL as users' browsers reach it, with context path if any. */
    url: browserUrl.optional(),
  })
  .strict();

const secretRef = z
  .object({
    /** Name of an existing Kubernetes Secret in the deployment's namespace. */
    name: dnsSubdomain,
    /** Key inside that Secret. */
    key: z.string().regex(SECRET_KEY, 'must be a Kubernetes Secret key'),
  })
  .strict();

/** A URL that names a server only: protocol, host and port, no path. */
const originUrl = (
  problem: (value: string) => string | undefined,
  example: string,
) =>
  urlWith(
    value =>
      problem(value) ??
      (new URL(value).pathname === '/'
        ? undefined
        : `must be protocol, host and port only (no path), e.g. ${example}`),
  );

// The chart takes a search endpoint as protocol, host and port: no room for a path.
const searchUrl = originUrl(
  serviceUrlProblem,
  'https://search.example.com:9200',
);

/** A PostgreSQL database outside the chart, as chart 15.x takes it. */
const externalDatabaseSchema = z
  .object({
    host: z
      .string()
      .max(253, 'must be at most 253 characters')
      .regex(DNS_SUBDOMAIN, 'must be a host name such as db.example.com'),
    port: z
      .number()
      .int('must be a port number')
      .min(1, 'must be a port number')
      .max(65535, 'must be a port number')
      .default(5432),
    database: z.string().regex(SECRET_KEY, 'must be a plain database name'),
    username: z.string().regex(SECRET_KEY, 'must be a plain user name'),
    password: secretRef,
  })
  .strict();

const secondaryStorageSchema = z.discriminatedUnion('type', [
  z
    .object({
      /** Elasticsearch installed by the chart. */
      type: z.literal('elasticsearch'),
    })
    .strict(),
  z
    .object({
      type: z.enum(['externalElasticsearch', 'externalOpensearch']),
      /** e.g. https://search.example.com:9200 */
      url: searchUrl,
      username: z
        .string()
        .regex(SECRET_KEY, 'must be a plain user name')
        .optional(),
      password: secretRef.optional(),
    })
    .strict(),
  z
    .object({
      /** A relational database (chart 14.x only; Optimize cannot use it). */
      type: z.literal('rdbms'),
      /** JDBC URL, e.g. jdbc:postgresql://db.example.com:5432/camunda */
      url: z
        .string()
        .regex(
          /^jdbc:[a-z0-9]+:[^\s"'#]+$/,
          'must be a JDBC URL such as jdbc:postgresql://db.example.com:5432/camunda',
        ),
      username: z.string().regex(SECRET_KEY, 'must be a plain user name'),
      password: secretRef,
    })
    .strict(),
]);

// Resource IDs are process, decision, form or entity IDs, or `*`; they pass into Camunda's
// configuration verbatim, so nothing that YAML or a template could read as structure.
const RESOURCE_ID = /^[A-Za-z0-9_.:~@+*-]+$/;

/**
 * The segments a component's application ends its uniqueName with (`camunda-<deployment>-`
 * then e.g. `web-modeler-ui`); a machine client's is `camunda-<deployment>-machine-<name>`.
 */
const COMPONENT_UNIQUE_NAME_ENDINGS = ENTRA_CLIENT_KEYS.map(client =>
  client.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`),
);

/**
 * A machine client name that would give its application the uniqueName of another
 * deployment's application: deployment `a`'s `orchestration` or `ci-optimize` is deployment
 * `a-machine`'s or `a-machine-ci`'s Optimize, and `x-machine-ci` is deployment `a-machine-x`'s
 * `ci`. Registration upserts by uniqueName, so it would take over that application.
 */
const machineClientName = dnsLabel(40)
  .refine(name => !/(^|-)machine(-|$)/.test(name), {
    message:
      'must not contain the word "machine" between dashes: its application\'s uniqueName could be another deployment\'s',
  })
  .refine(
    name =>
      !COMPONENT_UNIQUE_NAME_ENDINGS.some(
        ending => name === ending || name.endsWith(`-${ending}`),
      ),
    {
      message: `must not end in a component's application name (${COMPONENT_UNIQUE_NAME_ENDINGS.join(
        ', ',
      )}): its application's uniqueName could be another deployment's`,
    },
  );

const machineClientSchema = z
  .object({
    /** Names the client's Entra application and its entry in clients.machine. */
    name: machineClientName,
    /** What it may do in the Orchestration Cluster; checked against the chart line. */
    authorizations: z
      .array(
        z
          .object({
            resourceType: z
              .string()
              .regex(
                /^[A-Z_]+$/,
                'must be a Camunda resource type such as PROCESS_DEFINITION',
              ),
            resourceId: z
              .string()
              .max(256, 'must be at most 256 characters')
              .regex(
                RESOURCE_ID,
                'must be a resource ID (e.g. a BPMN process ID) or "*" for all',
              ),
            permissions: z
              .array(z.string())
              .min(1, 'must name at least one permission'),
          })
          .strict(),
      )
      .min(1, 'must grant at least one authorization'),
  })
  .strict();

const accessSchema = z
  .object({
    /** Entra security groups whose members get Orchestration Cluster roles. */
    groups: z
      .array(
        z
          .object({
            /** The group's object ID, as Entra puts it in the groups claim. */
            id: guid,
            roles: z.array(z.string()).min(1, 'must name at least one role'),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/**
 * The stores the External Secrets Operator can read a deployment's client secrets from.
 *
 * @public
 */
export const SECRET_STORE_TYPES = ['azureKeyVault'] as const;

// Any https host, not only Azure's vault hosts, so that the sandbox's vault passes too.
const vaultUrl = originUrl(
  httpsUrlProblem,
  'https://payments-kv.vault.azure.net',
);

/**
 * The service account of a deployment's own SecretStore, whose Kubernetes token the External
 * Secrets Operator exchanges for an Entra token (Azure workload identity).
 *
 * @public
 */
export const KEY_VAULT_SERVICE_ACCOUNT = 'camunda-entra-key-vault';

/**
 * The zod schema of a spec's `secretStore`, for configuration that fills it in.
 *
 * @public
 */
export const secretStoreSchema = z
  .object({
    type: z.enum(SECRET_STORE_TYPES, {
      errorMap: () => ({
        message: `must be one of ${SECRET_STORE_TYPES.join(', ')}`,
      }),
    }),
    /** The vault the portal's secret sink writes to, e.g. https://payments-kv.vault.azure.net */
    vaultUrl,
    /**
     * The default: the repository carries a SecretStore in the deployment's namespace that
     * reads the vault as this identity (a managed identity or application with Key Vault
     * Secrets User on the deployment's secrets, federated with the namespace's service account
     * `camunda-entra-key-vault`), so no other namespace can use it.
     */
    workloadIdentity: z.object({ clientId: guid }).strict().optional(),
    /**
     * Instead, an External Secrets store the cluster already runs (a ClusterSecretStore, which
     * an ExternalSecret in any namespace can read the whole vault through, or a SecretStore).
     */
    storeRef: z
      .object({
        kind: z.enum(['SecretStore', 'ClusterSecretStore'], {
          errorMap: () => ({
            message: 'must be SecretStore or ClusterSecretStore',
          }),
        }),
        name: dnsSubdomain,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((store, ctx) => {
    if (Boolean(store.workloadIdentity) === Boolean(store.storeRef)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: store.storeRef ? ['storeRef'] : [],
        message: store.storeRef
          ? "name workloadIdentity (the deployment's own SecretStore) or storeRef (an existing store), not both"
          : "needs workloadIdentity.clientId (the deployment's own SecretStore, the default) or storeRef (an existing store)",
      });
    }
  });

/**
 * Where a deployment's client secrets live for the External Secrets Operator to read.
 *
 * @public
 */
export type SecretStoreSpec = z.infer<typeof secretStoreSchema>;

const argoCdSchema = z
  .object({
    /** Git repository holding this values repository (https or scp-style SSH). */
    repoURL: z
      .string()
      .refine(
        value => GIT_SCP_URL.test(value) || !httpsUrlProblem(value),
        'must be an https or git@host:path repository URL',
      ),
    /** Folder of the values repository inside the Git repository. */
    path: z
      .string()
      .regex(/^[A-Za-z0-9._/-]+$/, 'must be a relative folder path')
      .refine(value => !value.split('/').includes('..'), 'must not contain ..')
      .default('.'),
    targetRevision: z
      .string()
      .regex(/^[A-Za-z0-9._/-]+$/, 'must be a branch, tag or commit')
      .default('HEAD'),
    project: dnsSubdomain.default('default'),
    /** Kubernetes API server Argo CD deploys to. */
    server: httpsUrl.default('https://kubernetes.default.svc'),
  })
  .strict();

/**
 * The zod schema of a deployment spec, shared by the CLI, the backend, the scaffolder
 * actions and the frontend form. Cross-field rules (component dependencies, Web Modeler
 * sender address, ...) are part of it.
 *
 * @public
 */
export const deploymentSpecSchema = z
  .object({
    /** Deployment name, a DNS label; the key of the Entra applications' uniqueName. */
    name: dnsLabel(40),
    /** Kubernetes namespace. */
    namespace: dnsLabel(63),
    /** Helm release name. */
    release: dnsLabel(53).default('camunda'),
    /** Camunda chart line: "8.8" (chart 13.x), "8.9" (chart 14.x) or "8.10" (chart 15.x, preview). */
    chart: z.enum(CHART_LINES, {
      errorMap: () => ({ message: 'must be "8.8", "8.9" or "8.10"' }),
    }),
    tenant: z
      .object({
        id: guid,
        cloud: z
          .enum(ENTRA_CLOUDS, {
            errorMap: () => ({ message: 'must be global, usgov or china' }),
          })
          .default('global'),
        /** Custom authority host (e.g. the local Entra sandbox); overrides the cloud's. */
        authorityHost: httpsUrl.optional(),
        /** Custom Microsoft Graph base URL; overrides the cloud's. */
        graphUrl: httpsUrl.optional(),
      })
      .strict(),
    /** The components present are enabled. */
    components: z
      .object({
        orchestration: browserComponent.optional(),
        connectors: z.object({}).strict().optional(),
        identity: browserComponent.optional(),
        optimize: browserComponent.optional(),
        webModeler: browserComponent.optional(),
        console: browserComponent.optional(),
        camundaHub: browserComponent.optional(),
      })
      .strict(),
    /** Entra application (client) IDs, filled in by registration. */
    clients: z
      .object({
        orchestration: guid.optional(),
        identity: guid.optional(),
        optimize: guid.optional(),
        webModelerUi: guid.optional(),
        webModelerApi: guid.optional(),
        console: guid.optional(),
        camundaHubUi: guid.optional(),
        camundaHubApi: guid.optional(),
        /** Machine client name to its application (client) ID. */
        machine: z.record(dnsLabel(40), guid).optional(),
      })
      .strict()
      .default({}),
    /** Confidential Entra applications for job workers, CI/CD and scripts. */
    machineClients: z.array(machineClientSchema).optional(),
    /** Orchestration Cluster roles for members of Entra groups. */
    access: accessSchema.optional(),
    /** Initial administrators (token claim values, normally user principal names). */
    admins: z.array(email).min(1, 'must name at least one administrator'),
    webModeler: z
      .object({
        /** Sender address of Web Modeler's e-mails. */
        fromAddress: email,
      })
      .strict()
      .optional(),
    camundaHub: z
      .object({
        /** Sender address of Camunda Hub's e-mails. */
        fromAddress: email,
      })
      .strict()
      .optional(),
    /** The PostgreSQL databases chart 15.x (8.10) no longer bundles. */
    databases: z
      .object({
        identity: externalDatabaseSchema.optional(),
        camundaHub: externalDatabaseSchema.optional(),
      })
      .strict()
      .optional(),
    /** Token claims that identify users and clients. */
    claims: z
      .object({
        username: z
          .string()
          .regex(CLAIM, 'must be a claim name')
          .default('preferred_username'),
        clientId: z
          .string()
          .regex(CLAIM, 'must be a claim name')
          .default('azp'),
      })
      .strict()
      .default({}),
    /** Names of the two Kubernetes Secrets the values refer to. */
    secrets: z
      .object({
        entra: dnsSubdomain.default('entra-credentials'),
        camunda: dnsSubdomain.default('camunda-credentials'),
      })
      .strict()
      .default({}),
    /** Lifetime of the client secrets registration creates. Entra's own default is 2 years. */
    secretLifetimeDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(730, 'must be at most 730 days (2 years)')
      .default(180),
    /** Secondary storage; charts 8.8 and 8.9 default to the bundled Elasticsearch, 8.10 has none. */
    secondaryStorage: secondaryStorageSchema.optional(),
    /** Catalog owner of the deployment entity, e.g. group:default/platform-team. */
    owner: z
      .string()
      .regex(
        ENTITY_REF,
        'must be an entity reference such as group:default/team',
      )
      .optional(),
    /** When present, an Argo CD Application is generated. */
    argocd: argoCdSchema.optional(),
    /**
     * When present, the client secrets live in this store and the repository carries an
     * ExternalSecret that builds the Entra Secret from it, instead of a script creating it.
     */
    secretStore: secretStoreSchema.optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    for (const problem of crossFieldProblems(spec)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: problem.field.split('.'),
        message: problem.message,
      });
    }
  });

/**
 * A validated deployment spec, with defaults applied.
 *
 * @public
 */
export type DeploymentSpec = z.infer<typeof deploymentSpecSchema>;

/**
 * A deployment spec as written by users, before defaults are applied.
 *
 * @public
 */
export type DeploymentSpecInput = z.input<typeof deploymentSpecSchema>;

/**
 * One thing wrong with a spec: the dotted field path and what is wrong with it.
 *
 * @public
 */
export type SpecProblem = { field: string; message: string };

/**
 * Options of {@link validateDeploymentSpec}.
 *
 * @public
 */
export interface ValidateDeploymentSpecOptions {
  /**
   * Require a client ID for every Entra application the spec needs, as generating values
   * does (before registration, clients are legitimately missing).
   */
  requireClients?: boolean;
}

/**
 * Validates a deployment spec and reports every problem at once.
 *
 * @public
 */
export function validateDeploymentSpec(
  input: unknown,
  options: ValidateDeploymentSpecOptions = {},
):
  | { valid: true; spec: DeploymentSpec }
  | { valid: false; problems: SpecProblem[] } {
  const result = deploymentSpecSchema.safeParse(input);
  const problems = result.success
    ? []
    : result.error.issues.flatMap(toProblems);
  // zod skips refinements once a field has the wrong type; run the cross-field rules on the
  // raw input too so users still see every problem in one go.
  problems.push(...crossFieldProblems(input));
  if (options.requireClients) {
    problems.push(
      ...missingClientProblems(input),
      ...missingMachineClientProblems(input),
    );
  }
  const unique = dedupe(problems);
  if (result.success && unique.length === 0) {
    return { valid: true, spec: result.data };
  }
  return { valid: false, problems: unique };
}

function toProblems(issue: z.ZodIssue): SpecProblem[] {
  const field = issue.path.join('.');
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return issue.keys.map(key => ({
      field: field ? `${field}.${key}` : key,
      message: 'is not a known field',
    }));
  }
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return [
      {
        field,
        message:
          issue.received === 'undefined'
            ? 'is required'
            : `must be ${article(issue.expected)}, not ${issue.received}`,
      },
    ];
  }
  if (issue.code === z.ZodIssueCode.invalid_union_discriminator) {
    return [
      {
        field,
        message: `must be one of ${SECONDARY_STORAGE_TYPES.join(', ')}`,
      },
    ];
  }
  return [{ field, message: issue.message }];
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function dedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems.filter(problem => {
    const key = `${problem.field}\u0000${problem.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Rules that span fields. Reads its input defensively: it also sees unparsed input. */
function crossFieldProblems(input: unknown): SpecProblem[] {
  const spec = asRecord(input);
  const components = asRecord(spec.components);
  const enabled = (component: string) => components[component] !== undefined;
  const problems: SpecProblem[] = [];

  if (
    spec.components !== undefined &&
    !CAMUNDA_COMPONENTS.some(component => enabled(component))
  ) {
    problems.push({
      field: 'components',
      message: 'must enable at least one component',
    });
  }
  for (const { component, requires, reason } of COMPONENT_REQUIREMENTS) {
    if (enabled(component) && !enabled(requires)) {
      problems.push({
        field: `components.${component}`,
        message: `needs ${CAMUNDA_COMPONENT_LABELS[requires]} (components.${requires}): ${reason}`,
      });
    }
  }
  // Web Modeler and Camunda Hub (Web Modeler with Console inside, 8.10) send e-mails.
  for (const component of ['webModeler', 'camundaHub'] as const) {
    if (
      enabled(component) &&
      asRecord(spec[component]).fromAddress === undefined
    ) {
      problems.push({
        field: `${component}.fromAddress`,
        message: `is required when ${CAMUNDA_COMPONENT_LABELS[component]} is enabled (the chart refuses to render without a sender address)`,
      });
    }
  }
  problems.push(...chartLineProblems(spec, enabled));
  for (const key of Object.keys(asRecord(spec.clients))) {
    const component =
      ENTRA_CLIENT_COMPONENT[key as keyof typeof ENTRA_CLIENT_COMPONENT];
    if (component && !enabled(component)) {
      problems.push({
        field: `clients.${key}`,
        message: `is set but ${CAMUNDA_COMPONENT_LABELS[component]} is not enabled (components.${component})`,
      });
    }
  }
  const storage = asRecord(spec.secondaryStorage);
  if (storage.type === 'rdbms') {
    if (spec.chart === '8.8') {
      problems.push({
        field: 'secondaryStorage.type',
        message:
          'rdbms needs chart 8.9 or later; chart 8.8 supports Elasticsearch or OpenSearch',
      });
    }
    if (enabled('optimize')) {
      problems.push({
        field: 'secondaryStorage.type',
        message:
          'rdbms cannot be used with Optimize, which needs Elasticsearch or OpenSearch',
      });
    }
  }
  problems.push(...accessProblems(input));
  return problems;
}

/** Rules that depend on the chart line: its components, databases and secondary storage. */
function chartLineProblems(
  spec: Record<string, unknown>,
  enabled: (component: string) => boolean,
): SpecProblem[] {
  if (!(CHART_LINES as readonly unknown[]).includes(spec.chart)) {
    return [];
  }
  const line = spec.chart as ChartLine;
  const problems: SpecProblem[] = [];
  for (const component of CAMUNDA_COMPONENTS) {
    if (
      enabled(component) &&
      !CHART_LINE_COMPONENTS[line].includes(component)
    ) {
      problems.push({
        field: `components.${component}`,
        message:
          component === 'camundaHub'
            ? `is not part of Camunda ${line}: Camunda Hub comes with chart 8.10; use components.webModeler and components.console before it`
            : `is not part of Camunda ${line}: Camunda Hub (components.camundaHub) replaces Web Modeler and Console from 8.10 on`,
      });
    }
  }
  const databases = asRecord(spec.databases);
  if (bundlesDatabases(line)) {
    if (spec.databases !== undefined) {
      problems.push({
        field: 'databases',
        message: `is for chart 8.10; chart ${line} installs its own PostgreSQL databases`,
      });
    }
  } else {
    for (const component of ['identity', 'camundaHub'] as const) {
      if (enabled(component) && databases[component] === undefined) {
        problems.push({
          field: `databases.${component}`,
          message: `is required on chart 8.10 with ${CAMUNDA_COMPONENT_LABELS[component]}: the chart no longer installs a PostgreSQL database for it`,
        });
      }
      if (!enabled(component) && databases[component] !== undefined) {
        problems.push({
          field: `databases.${component}`,
          message: `is set but ${CAMUNDA_COMPONENT_LABELS[component]} is not enabled (components.${component})`,
        });
      }
    }
    const storageNeeded = enabled('orchestration') || enabled('optimize');
    const storage = asRecord(spec.secondaryStorage);
    if (storageNeeded && spec.secondaryStorage === undefined) {
      problems.push({
        field: 'secondaryStorage',
        message:
          'is required on chart 8.10 with the Orchestration Cluster or Optimize: the chart installs no Elasticsearch; name an external Elasticsearch, OpenSearch or a relational database',
      });
    } else if (storage.type === 'elasticsearch') {
      problems.push({
        field: 'secondaryStorage.type',
        message:
          'elasticsearch (installed by the chart) is not available on chart 8.10, which bundles no Elasticsearch; use externalElasticsearch, externalOpensearch or rdbms',
      });
    }
  }
  return problems;
}

function missingClientProblems(input: unknown): SpecProblem[] {
  const spec = asRecord(input);
  const components = asRecord(spec.components);
  const clients = asRecord(spec.clients);
  return ENTRA_CLIENT_KEYS.filter(
    key =>
      components[ENTRA_CLIENT_COMPONENT[key]] !== undefined &&
      clients[key] === undefined,
  ).map(key => ({
    field: `clients.${key}`,
    message: `is required to generate values: register the ${ENTRA_CLIENT_LABELS[key]} application first (camunda-entra register)`,
  }));
}
