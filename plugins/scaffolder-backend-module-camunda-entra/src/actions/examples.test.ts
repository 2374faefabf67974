import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  CamundaEntraApi,
  CamundaEntraRequest,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createCamundaSpecComposeAction } from './composeSpec';
import { examples as composeSpecExamples } from './composeSpec.examples';
import { createCamundaHelmValuesAction } from './helmValues';
import { examples as helmValuesExamples } from './helmValues.examples';
import { createCamundaPublishLocalAction } from './publishLocal';
import { examples as publishLocalExamples } from './publishLocal.examples';
import { createCamundaCatalogRegisterLocalAction } from './registerLocal';
import { examples as registerLocalExamples } from './registerLocal.examples';
import { createCamundaFindApplicationsAction } from './findApplications';
import { examples as findApplicationsExamples } from './findApplications.examples';
import { createCamundaEntraRequestAction } from './request';
import { examples as requestExamples } from './request.examples';

// Every documented example runs through its action's handler, so the examples cannot rot.

const TENANT = { id: '6f1c2f43-0000-4000-8000-000000000001' };

/** What the examples' `${{ … }}` expressions read: the template's parameters. */
const PARAMETERS = {
  name: 'orders',
  namespace: 'orders-camunda',
  admin: 'alice@example.com',
  owner: 'group:default/payments',
};

/** The single step of each example, as the scaffolder parses it from the YAML. */
function cases(examples: TemplateExample[]) {
  return examples.map(example => {
    const { steps } = yaml.parse(example.example);
    if (steps.length !== 1) {
      throw new Error(`${example.description}: expected one step`);
    }
    return [example.description, steps[0]] as const;
  });
}

/**
 * Resolves the `${{ path }}` strings of an input against a context, as the scaffolder's
 * templating does for the whole-string expressions the examples use.
 */
function render(value: unknown, context: Record<string, unknown>): any {
  if (typeof value === 'string') {
    const expression = /^\$\{\{\s*([\w.]+)\s*\}\}$/.exec(value);
    if (!expression) return value;
    const resolved = expression[1]
      .split('.')
      .reduce<any>((object, key) => object?.[key], context);
    if (resolved === undefined) {
      throw new Error(`the example reads ${expression[1]}, which is unset`);
    }
    return resolved;
  }
  if (Array.isArray(value)) return value.map(item => render(item, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, render(item, context)]),
    );
  }
  return value;
}

type MockContextOptions = NonNullable<
  Parameters<typeof createMockActionContext>[0]
>;

/** Runs an action's handler with the input and returns its outputs. */
async function runAction(
  action: TemplateAction<any, any, any>,
  input: MockContextOptions['input'],
  workspacePath?: string,
): Promise<Record<string, any>> {
  const ctx = createMockActionContext({ input, workspacePath });
  await action.handler(ctx as any);
  return Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [name, value]),
  );
}

/**
 * The backend's side of a request: validates the spec with the portal's tenant as the
 * backend does and answers every application as registered.
 */
function provisioningBackend(): CamundaEntraApi {
  let provisioned: CamundaEntraRequest | undefined;
  const backend: Partial<CamundaEntraApi> = {
    async createRequest({ spec }) {
      const result = validateDeploymentSpec({ ...spec, tenant: TENANT });
      if (!result.valid) {
        throw new InputError(JSON.stringify(result.problems));
      }
      const at = new Date().toISOString();
      provisioned = {
        id: 'request-1',
        kind: 'provision',
        state: 'provisioned',
        spec: result.spec,
        plan: {
          applications: [],
          secretLifetimeDays: 180,
          secretDestination: '',
        },
        requester: 'user:default/mock',
        clients: Object.fromEntries(
          planEntraApplications(result.spec).map((application, index) => [
            application.client,
            `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
          ]),
        ),
        createdAt: at,
        updatedAt: at,
        history: [{ state: 'provisioned', actor: 'plugin:camunda-entra', at }],
      };
      return provisioned;
    },
    async getRequest() {
      return provisioned!;
    },
  };
  // The action calls nothing else of the client.
  return backend as CamundaEntraApi;
}

const requestAction = () =>
  createCamundaEntraRequestAction({
    client: provisioningBackend(),
    auth: mockServices.auth(),
    pollIntervalMs: 1,
  });

describe('the examples of the actions', () => {
  const root = createMockDirectory();

  beforeEach(() => root.clear());

  it.each(cases(composeSpecExamples))(
    'camunda:spec:compose: %s',
    async (_, step) => {
      const action = createCamundaSpecComposeAction({
        catalog: catalogServiceMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: {
                name: 'camunda-admins',
                namespace: 'default',
                annotations: {
                  'graph.microsoft.com/group-id':
                    '5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a',
                },
              },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
      });
      expect(action.id).toBe(step.action);

      const { spec } = await runAction(action, render(step.input, {}));

      expect(spec).toMatchObject({ name: step.input.name });
    },
  );

  it.each(cases(requestExamples))(
    'camunda:entra:request: %s',
    async (_, step) => {
      const action = requestAction();
      expect(action.id).toBe(step.action);

      const output = await runAction(
        action,
        render(step.input, { parameters: PARAMETERS }),
      );

      expect(output.requestId).toBe('request-1');
      expect(Object.keys(output.clients)).toContain('orchestration');
    },
  );

  it.each(cases(findApplicationsExamples))(
    'camunda:entra:find-applications: %s',
    async (_, step) => {
      // Every name has one application, registered by hand.
      const client: Partial<CamundaEntraApi> = {
        async findAdoptionCandidates({ displayName }) {
          return {
            items: [
              {
                appId: '9f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
                displayName,
                platform: 'web',
              },
            ],
          };
        },
      };
      const action = createCamundaFindApplicationsAction({
        client: client as CamundaEntraApi,
        auth: mockServices.auth(),
      });
      expect(action.id).toBe(step.action);

      const output = await runAction(
        action,
        render(step.input, { parameters: PARAMETERS }),
      );

      expect(Object.keys(output.clients)).toContain('orchestration');
      expect(output.spec.clients).toEqual(output.clients);
    },
  );

  it.each(cases(helmValuesExamples))(
    'camunda:helm:values: %s',
    async (_, step) => {
      const action = createCamundaHelmValuesAction();
      expect(action.id).toBe(step.action);
      // The spec a camunda:entra:request step outputs, for the example that reads it.
      const request = await runAction(
        requestAction(),
        render(cases(requestExamples)[0][1].input, {}),
      );

      const output = await runAction(
        action,
        render(step.input, {
          parameters: PARAMETERS,
          steps: { request: { output: request } },
        }),
        root.resolve('workspace'),
      );

      expect(output.files).toContain('values.yaml');
      expect(
        fs.existsSync(root.resolve('workspace', output.path, 'values.yaml')),
      ).toBe(true);
    },
  );

  it.each(cases(publishLocalExamples))(
    'camunda:publish:local: %s',
    async (_, step) => {
      root.setContent({
        workspace: { 'catalog-info.yaml': 'kind: Component' },
      });
      const action = createCamundaPublishLocalAction({
        config: { enabled: true, directory: root.resolve('repos') },
      });
      expect(action.id).toBe(step.action);

      const output = await runAction(
        action,
        render(step.input, {}),
        root.resolve('workspace'),
      );

      expect(output.catalogInfoPath).toBe(
        root.resolve('repos', step.input.repository, 'catalog-info.yaml'),
      );
    },
  );

  it.each(cases(registerLocalExamples))(
    'camunda:catalog:register-local: %s',
    async (_, step) => {
      const file = root.resolve('repos/camunda-payments/catalog-info.yaml');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: camunda-payments\nspec: {}\n',
      );
      const catalog = catalogServiceMock.mock();
      const action = createCamundaCatalogRegisterLocalAction({
        config: { enabled: true, directory: root.resolve('repos') },
        catalog,
      });
      expect(action.id).toBe(step.action);

      const output = await runAction(
        action,
        render(step.input, {
          steps: { publish: { output: { catalogInfoPath: file } } },
        }),
      );

      expect(catalog.addLocation).toHaveBeenCalledWith(
        { type: 'file', target: file },
        expect.anything(),
      );
      expect(output.entityRef).toBe('component:default/camunda-payments');
    },
  );
});
