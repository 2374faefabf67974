import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('a guest signs in, sees the catalog and finds the Camunda template', async ({
  page,
}) => {
  await signInAsGuest(page);
  await expect(page.getByRole('heading', { name: /Catalog/ })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/create/);
  await expect(
    page.getByText('Camunda 8 on Kubernetes with Microsoft Entra ID'),
  ).toBeVisible();
});
