import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sandboxGraph } from './sandboxGraph';
import { signInAsGuest } from './signIn';
import {
  approveOpenRequest,
  approveRequest,
  requestDeployment,
  waitForTask,
} from './template';

// The dev portal's local secret sink and publishing target (app-config.yaml).
const localState = path.resolve(__dirname, '../../.camunda-entra');

/** The client secret values the local sink delivered for a deployment. */
function deliveredSecrets(deployment: string): string[] {
  const dir = path.join(localState, 'secrets');
  const files = fs
    .readdirSync(dir)
    .filter(file => file.startsWith(`${deployment}-`));
  expect(files).toHaveLength(1);
  const manifest = fs.readFileSync(path.join(dir, files[0]), 'utf8');
  const stringData = manifest.split(/^stringData:$/m)[1] ?? '';
  return [...stringData.matchAll(/^ {2}[\w-]+: (.+)$/gm)].map(m =>
    m[1].replace(/^['"]|['"]$/g, ''),
  );
}

/** Every commit of a locally published repository, with full diffs. */
function repositoryHistory(repository: string): string {
  return execFileSync('git', ['log', '-p', '--all'], {
    cwd: path.join(localState, 'repos', repository),
    encoding: 'utf8',
  });
}

// The sandbox keeps its applications across portal restarts, so every run uses a new deployment.
const deployment = `e2e-${Date.now().toString(36)}`;
const machineClient = 'e2e-worker';

test('a developer requests a deployment with a machine client, the platform team approves, the entity page shows it, verifies its sign-in and repairs drift', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);

  const taskUrl = await test.step('fill and submit the template', () =>
    requestDeployment(page, deployment, 'Platform team', { machineClient }));

  await test.step('the task waits for the platform team', async () => {
    // The guest is in platform-team, so it is also told that a request waits (the toast
    // shortens the title).
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: `Camunda deployment ${deployment} waits` }),
    ).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Show logs' }).click();
    await expect(
      page.getByText(/waiting for approval by the platform team/i).first(),
    ).toBeVisible({ timeout: 60_000 });
  });

  await test.step('approve on the approvals page', () =>
    approveRequest(page, deployment, 'Looks right'));

  await test.step('the task finishes; no secret in its log or the repository', async () => {
    await waitForTask(page, taskUrl);

    // Four component clients and the machine client.
    const secrets = deliveredSecrets(deployment);
    expect(secrets).toHaveLength(5);
    // The task page remembers that the log was opened while waiting. The viewer only renders
    // the lines in view, so read the whole log through its download.
    const showLogs = page.getByRole('button', { name: 'Show logs' });
    if (await showLogs.isVisible()) await showLogs.click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download logs' }).click(),
    ]);
    const taskLog = fs.readFileSync(await download.path(), 'utf8');
    expect(taskLog).toMatch(/waiting for approval by the platform team/i);
    expect(taskLog).toMatch(/registering/i);
    const repository = repositoryHistory(`camunda-${deployment}`);
    expect(repository).toContain('values.yaml');
    for (const secret of secrets) {
      expect(taskLog).not.toContain(secret);
      expect(repository).not.toContain(secret);
    }
  });

  await test.step('the overview sums up the deployment on the Entra card', async () => {
    await page.goto(`/catalog/default/component/camunda-${deployment}`);
    const summary = page.getByRole('table', { name: 'Entra summary' });
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(
      summary.getByRole('row', { name: /^Applications/ }),
    ).toHaveText('Applications7');
    await expect(
      summary.getByRole('row', { name: /^Next secret expiry/ }),
    ).toContainText(/Expires in \d+ days/);
    await expect(
      summary.getByRole('row', { name: /^Overall health/ }),
    ).toBeVisible();
    // Verified right after provisioning, which may finish just after the task.
    await expect(async () => {
      await page.reload();
      await expect(
        summary.getByRole('row', { name: /^Sign-in/ }),
      ).toContainText('Passed', { timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    // The full table is on its own tab.
    await expect(
      page.getByRole('table', { name: 'Entra applications' }),
    ).toHaveCount(0);
    await page.screenshot({
      path: test.info().outputPath('entity-card.png'),
      fullPage: true,
    });
  });

  await test.step('the Microsoft Entra ID tab lists every application', async () => {
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Microsoft Entra ID' })
      .click();
    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/component/camunda-${deployment}/entra$`),
    );
    const applications = page.getByRole('table', {
      name: 'Entra applications',
    });
    await expect(applications).toBeVisible({ timeout: 60_000 });
    for (const label of [
      /^Orchestration Cluster/,
      /^Management Identity/,
      /^Optimize/,
      /^Web Modeler UI/,
      /^Web Modeler API/,
      /^Console/,
      new RegExp(`^Machine client ${machineClient}`),
    ]) {
      await expect(
        applications.getByRole('row', { name: label }),
      ).toBeVisible();
    }
    await expect(
      applications.getByText(/Expires in \d+ days/).first(),
    ).toBeVisible();
    await page.screenshot({
      path: test.info().outputPath('entity-entra-tab.png'),
      fullPage: true,
    });
  });

  await test.step('a redirect URI edited by hand shows as drift', async () => {
    const optimize = await sandboxGraph(
      'GET',
      `/applications(uniqueName='camunda-${deployment}-optimize')?$select=id,web`,
    );
    const rogue = 'https://rogue.example.com/callback';
    await sandboxGraph('PATCH', `/applications/${optimize.id}`, {
      web: { redirectUris: [...optimize.web.redirectUris, rogue] },
    });

    // The status is cached for a short while (camundaEntra.monitoring.status.cacheTtl).
    await expect(async () => {
      await page.reload();
      const row = page
        .getByRole('table', { name: 'Entra applications' })
        .getByRole('row', { name: /^Optimize/ });
      await expect(row.getByText(`${rogue} (unexpected)`)).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 90_000 });

    // Verifying the sign-in now finds the redirect URI the values do not configure.
    await page.getByRole('button', { name: 'Verify sign-in' }).click();
    await expect(
      page
        .getByRole('table', { name: 'Sign-in problems' })
        .getByRole('row', { name: /^Optimize Redirect URIs/ }),
    ).toBeVisible({ timeout: 60_000 });

    // The overview's summary names the drift too, and links back to the tab.
    await page.goto(`/catalog/default/component/camunda-${deployment}`);
    const summary = page.getByRole('table', { name: 'Entra summary' });
    await expect(
      summary
        .getByRole('list', { name: 'Problems' })
        .getByText(new RegExp(`^Optimize: Unexpected redirect URIs.*${rogue}`)),
    ).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'View Entra applications' }).click();
    await expect(
      page.getByRole('table', { name: 'Entra applications' }),
    ).toBeVisible({ timeout: 60_000 });
  });

  await test.step('a repair, once approved, restores the redirect URIs', async () => {
    await page.getByRole('button', { name: 'Repair' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Repair the drifted applications?',
    });
    await expect(
      dialog.getByRole('list', { name: 'Changes to undo' }),
    ).toContainText(/Optimize: web\.redirectUris/);
    await dialog.getByRole('button', { name: 'Request repair' }).click();
    await page.getByRole('link', { name: 'View request' }).click();
    await approveOpenRequest(page, 'Undo the hand edit');

    await expect(async () => {
      const optimize = await sandboxGraph(
        'GET',
        `/applications(uniqueName='camunda-${deployment}-optimize')?$select=web`,
      );
      expect(optimize.web.redirectUris).not.toContain(
        'https://rogue.example.com/callback',
      );
    }).toPass({ timeout: 90_000 });
    await expect(async () => {
      await page.goto(`/catalog/default/component/camunda-${deployment}/entra`);
      await expect(
        page.getByRole('table', { name: 'Entra applications' }),
      ).toBeVisible({ timeout: 10_000 });
      await expect(page.getByText('(unexpected)')).toHaveCount(0);
    }).toPass({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Verify sign-in' }).click();
    await expect(
      page.getByRole('region', { name: 'Sign-in verification' }),
    ).toContainText('Passed', { timeout: 60_000 });
    await expect(
      page.getByRole('table', { name: 'Sign-in problems' }),
    ).toHaveCount(0);
  });
});
