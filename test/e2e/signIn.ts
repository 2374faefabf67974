import { expect, Page } from '@playwright/test';

async function expectSignedIn(page: Page): Promise<void> {
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** Signs in as the guest user of the dev portal and waits for the sidebar. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expectSignedIn(page);
}

/**
 * Signs in as a person of examples/entra-directory.yaml (e.g. "Dana Developer") through the
 * Entra sandbox: the popup shows the sandbox's account picker.
 */
export async function signInThroughSandbox(
  page: Page,
  person: string,
): Promise<void> {
  await page.goto('/');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page
      .getByRole('listitem')
      .filter({ hasText: 'Entra sandbox' })
      .getByRole('button', { name: 'Sign In' })
      .click(),
  ]);
  await popup.getByRole('button', { name: new RegExp(`^${person}`) }).click();
  await expectSignedIn(page);
}
