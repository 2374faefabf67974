import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs';
import git from 'isomorphic-git';
import path from 'path';
import { createCamundaPublishLocalAction } from './publishLocal';

describe('camunda:publish:local', () => {
  const root = createMockDirectory();
  const repos = () => path.join(root.path, 'repos');

  beforeEach(() =>
    root.setContent({
      workspace: {
        'catalog-info.yaml': 'kind: Component',
        'values.yaml': 'a: 1',
        secrets: { 'README.md': 'no values here' },
      },
    }),
  );

  type Input = Parameters<
    ReturnType<typeof createCamundaPublishLocalAction>['handler']
  >[0]['input'];

  function setup(input: Partial<Input>, enabled = true) {
    const action = createCamundaPublishLocalAction({
      config: { enabled, directory: repos() },
    });
    const ctx = createMockActionContext({
      workspacePath: root.resolve('workspace'),
      // No defaults here: the scaffolder does not apply the schema's, the action must.
      input: {
        repository: 'camunda-payments',
        ...input,
      },
    }) as unknown as Parameters<typeof action.handler>[0];
    return { ctx, action };
  }

  async function run(input: Partial<Input>, enabled = true) {
    const { ctx, action } = setup(input, enabled);
    await action.handler(ctx);
    return ctx;
  }

  it('commits the workspace into a new repository on main', async () => {
    const ctx = await run({ repository: 'camunda-payments' });

    const dir = path.join(repos(), 'camunda-payments');
    const [commit] = await git.log({ fs, dir, ref: 'main' });
    expect(commit.commit.message.trim()).toBe(
      'Publish from the Backstage scaffolder',
    );
    expect(commit.commit.author.name).toBe('Scaffolder');
    expect((await git.listFiles({ fs, dir, ref: 'main' })).sort()).toEqual([
      'catalog-info.yaml',
      'secrets/README.md',
      'values.yaml',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', commit.oid);
    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', `file://${dir}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      path.join(dir, 'catalog-info.yaml'),
    );
  });

  it('publishing again mirrors the workspace in a second commit', async () => {
    await run({ repository: 'camunda-payments' });
    fs.rmSync(root.resolve('workspace/values.yaml'));
    root.addContent({ workspace: { 'README.md': 'hello' } });

    await run({ repository: 'camunda-payments', commitMessage: 'Again' });

    const dir = path.join(repos(), 'camunda-payments');
    const log = await git.log({ fs, dir });
    expect(log.map(entry => entry.commit.message.trim())).toEqual([
      'Again',
      'Publish from the Backstage scaffolder',
    ]);
    expect((await git.listFiles({ fs, dir, ref: 'HEAD' })).sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
      'secrets/README.md',
    ]);
  });

  it('writes nothing in a dry run', async () => {
    const { ctx, action } = setup({ repository: 'camunda-dry' });
    ctx.isDryRun = true;

    await action.handler(ctx);

    expect(fs.existsSync(repos())).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', 'dry-run');
  });

  it('refuses when local publishing is disabled', async () => {
    await expect(
      run({ repository: 'camunda-payments' }, false),
    ).rejects.toThrow(/camundaEntra.publish.local.enabled/);
    expect(fs.existsSync(repos())).toBe(false);
  });
});
