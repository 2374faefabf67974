import { KubeConfig } from '@kubernetes/client-node';
import http from 'http';
import { AddressInfo } from 'net';

type Json = Record<string, any>;

class ApiError extends Error {
  constructor(readonly code: number, readonly reason: string, message: string) {
    super(message);
  }
}

const SECRET_PATH =
  /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/]+))?\/?$/;
const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * The Secrets part of the Kubernetes API server, in process over plain HTTP: GET, POST, PUT
 * and PATCH (JSON merge patch) with resourceVersion conflicts, AlreadyExists, NotFound and
 * RBAC refusals as Status objects, and the server's validation of `data` (base64), keys and
 * label values, so a client that gets something wrong fails here as it would on a cluster.
 */
export class FakeKubernetesApi {
  /** Every request as `METHOD path`, in order. */
  readonly requests: string[] = [];
  /** Namespaces where the caller may do nothing with Secrets (HTTP 403). */
  readonly forbiddenNamespaces = new Set<string>();
  /**
   * Runs before each request is handled; a test edits Secrets from here (with `modify`) to
   * play a concurrent writer.
   */
  beforeRequest: (method: string, namespace: string, name?: string) => void =
    () => {};

  private readonly secrets = new Map<string, Json>();
  private revision = 100;

  static async start(): Promise<FakeKubernetesApi> {
    const api = new FakeKubernetesApi();
    await new Promise<void>(resolve =>
      api.server.listen(0, '127.0.0.1', resolve),
    );
    return api;
  }

  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      this.requests.push(`${req.method} ${path}`);
      const [status, payload] = this.handle(req, path, body);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(payload));
    });
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A KubeConfig for this server (http needs skipTLSVerify in the client). */
  kubeConfig(): KubeConfig {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'fake', token: 'fake-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
      currentContext: 'fake',
    });
    return kubeConfig;
  }

  /** The stored Secret as the API server would return it, or undefined. */
  secret(namespace: string, name: string): Json | undefined {
    const secret = this.secrets.get(`${namespace}/${name}`);
    return secret && structuredClone(secret);
  }

  /** The decoded data of a stored Secret. */
  decodedData(namespace: string, name: string): Record<string, string> {
    const data = this.secret(namespace, name)?.data ?? {};
    return Object.fromEntries(
      Object.entries(data).map(([key, value]) => [
        key,
        Buffer.from(value as string, 'base64').toString('utf8'),
      ]),
    );
  }

  /** Creates a Secret as another client would, with the server's validation. */
  seed(secret: Json): Json {
    return this.create(secret.metadata.namespace, structuredClone(secret));
  }

  /** Changes a stored Secret as another client would; bumps its resourceVersion. */
  modify(namespace: string, name: string, change: (secret: Json) => void) {
    const secret = this.secret(namespace, name);
    if (!secret) {
      throw new Error(`No Secret ${namespace}/${name} to modify`);
    }
    change(secret);
    this.store(namespace, normalised(secret));
  }

  close(): Promise<void> {
    return new Promise(resolve => this.server.close(() => resolve()));
  }

  private handle(
    req: http.IncomingMessage,
    path: string,
    body: string,
  ): [number, unknown] {
    const match = path.match(SECRET_PATH);
    if (!match) {
      return failure(
        new ApiError(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      );
    }
    const namespace = decodeURIComponent(match[1]);
    const name = match[2] && decodeURIComponent(match[2]);
    try {
      this.beforeRequest(req.method ?? '', namespace, name);
      if (this.forbiddenNamespaces.has(namespace)) {
        throw new ApiError(
          403,
          'Forbidden',
          `secrets${
            name ? ` "${name}"` : ''
          } is forbidden: User "system:serviceaccount:backstage:backstage" cannot ${verb(
            req.method,
          )} resource "secrets" in API group "" in the namespace "${namespace}"`,
        );
      }
      if (req.method === 'POST' && !name) {
        return [201, this.create(namespace, parse(body))];
      }
      if (name && req.method === 'GET') {
        return [200, this.existing(namespace, name)];
      }
      if (name && req.method === 'PUT') {
        return [200, this.replace(namespace, name, parse(body))];
      }
      if (name && req.method === 'PATCH') {
        if (req.headers['content-type'] !== 'application/merge-patch+json') {
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json`,
          );
        }
        const patched = mergePatch(this.existing(namespace, name), parse(body));
        return [200, this.replace(namespace, name, patched)];
      }
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    } catch (error) {
      if (error instanceof ApiError) {
        return failure(error);
      }
      throw error;
    }
  }

  private existing(namespace: string, name: string): Json {
    const secret = this.secret(namespace, name);
    if (!secret) {
      throw new ApiError(404, 'NotFound', `secrets "${name}" not found`);
    }
    return secret;
  }

  private create(namespace: string, secret: Json): Json {
    checkIdentity(secret, namespace, secret.metadata?.name);
    const { name } = secret.metadata;
    if (secret.metadata.resourceVersion) {
      throw new ApiError(
        500,
        'InternalError',
        'resourceVersion should not be set on objects to be created',
      );
    }
    if (this.secrets.has(`${namespace}/${name}`)) {
      throw new ApiError(
        409,
        'AlreadyExists',
        `secrets "${name}" already exists`,
      );
    }
    secret.metadata.uid = `uid-${name}-${this.revision}`;
    secret.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    return this.store(namespace, normalised(secret));
  }

  private replace(namespace: string, name: string, secret: Json): Json {
    checkIdentity(secret, namespace, name);
    const current = this.existing(namespace, name);
    const version = secret.metadata.resourceVersion;
    if (version && version !== current.metadata.resourceVersion) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on secrets "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    if ((secret.type ?? 'Opaque') !== current.type) {
      throw new ApiError(
        422,
        'Invalid',
        `Secret "${name}" is invalid: type: Invalid value: "${secret.type}": field is immutable`,
      );
    }
    secret.metadata.uid = current.metadata.uid;
    secret.metadata.creationTimestamp = current.metadata.creationTimestamp;
    return this.store(namespace, normalised(secret));
  }

  private store(namespace: string, secret: Json): Json {
    this.revision += 1;
    secret.metadata.resourceVersion = String(this.revision);
    secret.metadata.namespace = namespace;
    this.secrets.set(`${namespace}/${secret.metadata.name}`, secret);
    return structuredClone(secret);
  }
}

function failure(error: ApiError): [number, unknown] {
  return [
    error.code,
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: error.message,
      reason: error.reason,
      code: error.code,
    },
  ];
}

function verb(method: string | undefined): string {
  const verbs: Record<string, string> = {
    GET: 'get',
    POST: 'create',
    PUT: 'update',
    PATCH: 'patch',
  };
  return verbs[method ?? ''] ?? 'access';
}

function parse(body: string): Json {
  try {
    const value = JSON.parse(body);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return value;
    }
  } catch {
    // answered below, as the server does
  }
  throw new ApiError(
    400,
    'BadRequest',
    'the request body is not a JSON object',
  );
}

function checkIdentity(secret: Json, namespace: string, name: string) {
  if (secret.kind !== undefined && secret.kind !== 'Secret') {
    throw new ApiError(
      400,
      'BadRequest',
      `the body is a ${secret.kind}, not a Secret`,
    );
  }
  if (!secret.metadata?.name || secret.metadata.name !== name) {
    throw new ApiError(
      400,
      'BadRequest',
      'the name of the object does not match the name on the URL',
    );
  }
  if (secret.metadata.namespace && secret.metadata.namespace !== namespace) {
    throw new ApiError(
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
}

/** What the server stores: stringData folded into data, both validated. */
function normalised(secret: Json): Json {
  const name = secret.metadata.name;
  const data: Record<string, string> = { ...(secret.data ?? {}) };
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !BASE64.test(value)) {
      throw new ApiError(
        400,
        'BadRequest',
        `Secret in version "v1" cannot be handled as a Secret: illegal base64 data in data[${key}]`,
      );
    }
  }
  for (const [key, value] of Object.entries(secret.stringData ?? {})) {
    if (typeof value !== 'string') {
      throw new ApiError(
        400,
        'BadRequest',
        `stringData[${key}] is not a string`,
      );
    }
    data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  for (const key of Object.keys(data)) {
    if (!CONFIG_KEY.test(key) || key.length > 253) {
      throw new ApiError(
        422,
        'Invalid',
        `Secret "${name}" is invalid: data[${key}]: Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
      );
    }
  }
  for (const [key, value] of Object.entries(secret.metadata.labels ?? {})) {
    if (
      typeof value !== 'string' ||
      value.length > 63 ||
      !LABEL_VALUE.test(value)
    ) {
      throw new ApiError(
        422,
        'Invalid',
        `Secret "${name}" is invalid: metadata.labels: Invalid value: "${value}": a valid label must be 63 characters or less, alphanumeric, '-', '_' or '.' (label ${key})`,
      );
    }
  }
  for (const [key, value] of Object.entries(
    secret.metadata.annotations ?? {},
  )) {
    if (typeof value !== 'string') {
      throw new ApiError(
        400,
        'BadRequest',
        `metadata.annotations[${key}] is not a string`,
      );
    }
  }
  const stored = { ...secret };
  delete stored.stringData;
  return {
    ...stored,
    apiVersion: 'v1',
    kind: 'Secret',
    type: secret.type ?? 'Opaque',
    data,
  };
}

/** RFC 7386: objects merge recursively, null removes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): any {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
    return patch;
  }
  const result: Json =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...target }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value);
    }
  }
  return result;
}
