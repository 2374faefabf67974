import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createCamundaSpecComposeAction } from './composeSpec';

describe('camunda:spec:compose', () => {
  const action = createCamundaSpecComposeAction();

  function run(input: Record<string, unknown>) {
    const ctx = createMockActionContext() as unknown as Parameters<
      typeof action.handler
    >[0];
    ctx.input = {
      name: 'payments',
      namespace: 'payments-camunda',
      chart: '8.8',
      components: { orchestration: true, connectors: true },
      admins: ['alice@example.com'],
      ...input,
    } as typeof ctx.input;
    return { ctx, done: action.handler(ctx) };
  }

  it('outputs the spec of a valid form', async () => {
    const { ctx, done } = run({});
    await done;

    expect(ctx.output).toHaveBeenCalledWith('spec', {
      name: 'payments',
      namespace: 'payments-camunda',
      chart: '8.8',
      components: { orchestration: {}, connectors: {} },
      admins: ['alice@example.com'],
    });
  });

  it('lists every problem of an invalid form', async () => {
    const { ctx, done } = run({
      name: 'Payments!',
      components: { webModeler: true, identity: true },
      baseDomain: 'example.com',
    });

    await expect(done).rejects.toThrow(
      /name: must be a DNS label.*webModeler.fromAddress: is required when Web Modeler is enabled/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
