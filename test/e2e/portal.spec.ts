import { expect, test } from '@playwright/test';

test('a guest signs in, sees the catalog and finds the Camunda template', async ({
  page,
}) => {
  await page.goto('/');

  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: /Catalog/ })).toBeVisible();

  await nav.getByRole('link', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/create/);
  await expect(
    page.getByText('Camunda 8 on Kubernetes with Microsoft Entra ID'),
  ).toBeVisible();
});
