import { z } from 'zod';
import { ENTRA_CLIENT_KEYS } from './components';
import { CHART_LINES } from './chartLines';
import { crossFieldProblems } from './crossFieldProblems';
import { ENTRA_CLOUDS } from './types';
import { browserUrlProblem, httpsUrlProblem, serviceUrlProblem } from './urls';

// The schema is internal: the package exports the hand-written DeploymentSpec and
// SecretStoreSpec (types.ts), which deploymentSpecSchema.test.ts keeps equal to it.

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
// Resource IDs are process, decision, form or entity IDs, or `*`; they pass into Camunda's
// configuration verbatim, so nothing that YAML or a template could read as structure.
const RESOURCE_ID = /^[A-Za-z0-9_.:~@+*-]+$/;

const SECRET_STORE_TYPES = ['azureKeyVault'] as const;

/**
 * The message of a wrong value of an enum; a missing value keeps the parse's "is required"
 * (an error map that returns nothing hands the issue on).
 */
const wrongValue = (message: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? undefined : message,
});

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
      ctx.addIssue({ code: 'custom', message });
    }
  });

const browserUrl = urlWith(browserUrlProblem);
const httpsUrl = urlWith(httpsUrlProblem);

const browserComponent = z.strictObject({ url: browserUrl.optional() });

const secretRef = z.strictObject({
  name: dnsSubdomain,
  key: z.string().regex(SECRET_KEY, 'must be a Kubernetes Secret key'),
});

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

const externalDatabaseSchema = z.strictObject({
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
});

const secondaryStorageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('elasticsearch') }),
  z.strictObject({
    type: z.enum(['externalElasticsearch', 'externalOpensearch']),
    url: searchUrl,
    username: z
      .string()
      .regex(SECRET_KEY, 'must be a plain user name')
      .optional(),
    password: secretRef.optional(),
  }),
  z.strictObject({
    type: z.literal('rdbms'),
    url: z
      .string()
      .regex(
        /^jdbc:[a-z0-9]+:[^\s"'#]+$/,
        'must be a JDBC URL such as jdbc:postgresql://db.example.com:5432/camunda',
      ),
    username: z.string().regex(SECRET_KEY, 'must be a plain user name'),
    password: secretRef,
  }),
]);

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
  .refine(
    name => !/(^|-)machine(-|$)/.test(name),
    'must not contain the word "machine" between dashes: its application\'s uniqueName could be another deployment\'s',
  )
  .refine(
    name =>
      !COMPONENT_UNIQUE_NAME_ENDINGS.some(
        ending => name === ending || name.endsWith(`-${ending}`),
      ),
    `must not end in a component's application name (${COMPONENT_UNIQUE_NAME_ENDINGS.join(
      ', ',
    )}): its application's uniqueName could be another deployment's`,
  );

const machineClientSchema = z.strictObject({
  name: machineClientName,
  authorizations: z
    .array(
      z.strictObject({
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
      }),
    )
    .min(1, 'must grant at least one authorization'),
});

const accessSchema = z.strictObject({
  groups: z
    .array(
      z.strictObject({
        id: guid,
        roles: z.array(z.string()).min(1, 'must name at least one role'),
      }),
    )
    .optional(),
});

// Any https host, not only Azure's vault hosts, so that the sandbox's vault passes too.
const vaultUrl = originUrl(
  httpsUrlProblem,
  'https://payments-kv.vault.azure.net',
);

export const secretStoreSchema = z
  .strictObject({
    type: z.enum(
      SECRET_STORE_TYPES,
      wrongValue(`must be one of ${SECRET_STORE_TYPES.join(', ')}`),
    ),
    vaultUrl,
    workloadIdentity: z.strictObject({ clientId: guid }).optional(),
    storeRef: z
      .strictObject({
        kind: z.enum(
          ['SecretStore', 'ClusterSecretStore'],
          wrongValue('must be SecretStore or ClusterSecretStore'),
        ),
        name: dnsSubdomain,
      })
      .optional(),
  })
  .superRefine((store, ctx) => {
    if (Boolean(store.workloadIdentity) === Boolean(store.storeRef)) {
      ctx.addIssue({
        code: 'custom',
        path: store.storeRef ? ['storeRef'] : [],
        message: store.storeRef
          ? "name workloadIdentity (the deployment's own SecretStore) or storeRef (an existing store), not both"
          : "needs workloadIdentity.clientId (the deployment's own SecretStore, the default) or storeRef (an existing store)",
      });
    }
  });

const argoCdSchema = z.strictObject({
  repoURL: z
    .string()
    .refine(
      value => GIT_SCP_URL.test(value) || !httpsUrlProblem(value),
      'must be an https or git@host:path repository URL',
    ),
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
  server: httpsUrl.default('https://kubernetes.default.svc'),
});

const senderSchema = z.strictObject({ fromAddress: email });

/**
 * A deployment spec. Cross-field rules (component dependencies, Web Modeler sender address,
 * ...) are part of it. Objects whose fields have defaults use `prefault`, so that an absent
 * object gets those defaults.
 */
export const deploymentSpecSchema = z
  .strictObject({
    name: dnsLabel(40),
    namespace: dnsLabel(63),
    release: dnsLabel(53).default('camunda'),
    chart: z.enum(CHART_LINES, wrongValue('must be "8.8", "8.9" or "8.10"')),
    tenant: z.strictObject({
      id: guid,
      cloud: z
        .enum(ENTRA_CLOUDS, wrongValue('must be global, usgov or china'))
        .default('global'),
      authorityHost: httpsUrl.optional(),
      graphUrl: httpsUrl.optional(),
    }),
    components: z.strictObject({
      orchestration: browserComponent.optional(),
      connectors: z.strictObject({}).optional(),
      identity: browserComponent.optional(),
      optimize: browserComponent.optional(),
      webModeler: browserComponent.optional(),
      console: browserComponent.optional(),
      camundaHub: browserComponent.optional(),
    }),
    clients: z
      .strictObject({
        orchestration: guid.optional(),
        identity: guid.optional(),
        optimize: guid.optional(),
        webModelerUi: guid.optional(),
        webModelerApi: guid.optional(),
        console: guid.optional(),
        camundaHubUi: guid.optional(),
        camundaHubApi: guid.optional(),
        machine: z.record(dnsLabel(40), guid).optional(),
      })
      .prefault({}),
    machineClients: z.array(machineClientSchema).optional(),
    access: accessSchema.optional(),
    admins: z.array(email).min(1, 'must name at least one administrator'),
    webModeler: senderSchema.optional(),
    camundaHub: senderSchema.optional(),
    databases: z
      .strictObject({
        identity: externalDatabaseSchema.optional(),
        camundaHub: externalDatabaseSchema.optional(),
      })
      .optional(),
    claims: z
      .strictObject({
        username: z
          .string()
          .regex(CLAIM, 'must be a claim name')
          .default('preferred_username'),
        clientId: z
          .string()
          .regex(CLAIM, 'must be a claim name')
          .default('azp'),
      })
      .prefault({}),
    secrets: z
      .strictObject({
        entra: dnsSubdomain.default('entra-credentials'),
        camunda: dnsSubdomain.default('camunda-credentials'),
      })
      .prefault({}),
    secretLifetimeDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(730, 'must be at most 730 days (2 years)')
      .default(180),
    secondaryStorage: secondaryStorageSchema.optional(),
    owner: z
      .string()
      .regex(
        ENTITY_REF,
        'must be an entity reference such as group:default/team',
      )
      .optional(),
    argocd: argoCdSchema.optional(),
    secretStore: secretStoreSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    for (const problem of crossFieldProblems(spec)) {
      ctx.addIssue({
        code: 'custom',
        path: problem.field.split('.'),
        message: problem.message,
      });
    }
  });
