import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

// The sandbox keeps its applications across portal restarts, so every run uses a new deployment.
const deployment = `e2e-${Date.now().toString(36)}`;

test('a developer requests a deployment, the platform team approves, the card shows it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);

  await test.step('fill and submit the template', async () => {
    await page.goto('/create');
    const card = page
      .getByRole('article')
      .filter({ hasText: 'Camunda 8 on Kubernetes with Microsoft Entra ID' });
    await card.getByRole('button', { name: 'Choose' }).click();

    await page.getByLabel('Deployment name').fill(deployment);
    await page.getByLabel('Owner').fill('platform-team');
    await page.getByRole('option', { name: /platform-team/ }).click();
    await page.getByLabel('Kubernetes namespace').fill(`${deployment}-camunda`);
    await page.getByRole('button', { name: 'Next' }).click();

    // Components: every one, as in the guide. Addresses: port-forward on localhost.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('Initial administrator').fill('alice@example.com');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/create\/tasks\//);
  });
  const taskUrl = page.url();

  await test.step('the task waits for the platform team', async () => {
    // The guest is in platform-team, so it is also told that a request waits.
    await expect(
      page.getByText(
        `Camunda deployment ${deployment} waits for your approval`,
      ),
    ).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Show logs' }).click();
    await expect(
      page.getByText(/waiting for approval by the platform team/i).first(),
    ).toBeVisible({ timeout: 60_000 });
  });

  await test.step('approve on the approvals page', async () => {
    await page.goto('/camunda-entra');
    await page.getByRole('link', { name: deployment }).click();
    await expect(page.getByRole('heading', { name: deployment })).toBeVisible();
    await page.getByRole('textbox', { name: 'Comment' }).fill('Looks right');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByText('Request approved')).toBeVisible();
  });

  await test.step('the task finishes and links the request', async () => {
    await page.goto(taskUrl);
    await expect(
      page.getByRole('link', { name: 'Request and approval' }),
    ).toBeVisible({ timeout: 180_000 });
  });

  await test.step('the catalog entity shows the Entra card', async () => {
    await page.goto(`/catalog/default/component/camunda-${deployment}`);
    await expect(page.getByText('Microsoft Entra ID')).toBeVisible({
      timeout: 60_000,
    });
    const applications = page.getByRole('table', {
      name: 'Entra applications',
    });
    for (const label of [
      /^Orchestration Cluster/,
      /^Management Identity/,
      /^Optimize/,
      /^Web Modeler UI/,
      /^Web Modeler API/,
      /^Console/,
    ]) {
      await expect(
        applications.getByRole('row', { name: label }),
      ).toBeVisible();
    }
    await expect(
      applications.getByText(/Expires in \d+ days/).first(),
    ).toBeVisible();
  });
});
