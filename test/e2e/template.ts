import { expect, Page } from '@playwright/test';

/**
 * Fills the template "Camunda 8 on Kubernetes with Microsoft Entra ID" for a deployment owned
 * by the group titled `owner` (its display name, e.g. "Platform team" for platform-team) with
 * every component and port-forward addresses, optionally one machine client that works on
 * jobs, creates it and returns the URL of the scaffolder task, which then waits for approval.
 */
export async function requestDeployment(
  page: Page,
  deployment: string,
  owner: string,
  options: { machineClient?: string } = {},
): Promise<string> {
  await page.goto('/create');
  const card = page
    .getByRole('article')
    .filter({ hasText: 'Camunda 8 on Kubernetes with Microsoft Entra ID' });
  await card.getByRole('button', { name: 'Choose' }).click();

  await page.getByLabel('Deployment name').fill(deployment);
  await page.getByLabel('Owner').fill(owner);
  await page.getByRole('option', { name: new RegExp(owner) }).click();
  await page.getByLabel('Kubernetes namespace').fill(`${deployment}-camunda`);
  await page.getByRole('button', { name: 'Next' }).click();

  // Components: every one, as in the guide. Addresses: port-forward on localhost.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByLabel('Initial administrator').fill('alice@example.com');
  await page.getByRole('button', { name: 'Next' }).click();

  // External services: only Camunda 8.10 needs them; the default line bundles its own.
  await expect(
    page.getByText('External services (Camunda 8.10 preview)'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  if (options.machineClient) {
    await page.getByRole('button', { name: 'Add Item' }).click();
    await page.getByLabel('Name').fill(options.machineClient);
    await page.getByLabel('Work on jobs (job worker)').check();
  }
  await page.getByRole('button', { name: 'Next' }).click();

  // Existing deployment: no, a new one is registered.
  await expect(page.getByText('Bring an existing deployment')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  return page.url();
}

/** Opens a deployment's request from the approvals page. */
export async function openRequest(page: Page, deployment: string) {
  await page.goto('/camunda-entra');
  await page.getByRole('link', { name: deployment }).click();
  await expect(page.getByRole('heading', { name: deployment })).toBeVisible();
}

/** Approves the request open on the page, with a comment. */
export async function approveOpenRequest(page: Page, comment: string) {
  await page.getByRole('textbox', { name: 'Comment' }).fill(comment);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('Request approved')).toBeVisible();
}

/** Approves a deployment's request on its page, with a comment. */
export async function approveRequest(
  page: Page,
  deployment: string,
  comment: string,
) {
  await openRequest(page, deployment);
  await approveOpenRequest(page, comment);
}

/** Waits on the scaffolder task's page until the task has finished (its output link shows). */
export async function waitForTask(page: Page, taskUrl: string) {
  await page.goto(taskUrl);
  await expect(
    page.getByRole('link', { name: 'Request and approval' }),
  ).toBeVisible({ timeout: 180_000 });
}
