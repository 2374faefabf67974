import { expect, test } from '@playwright/test';
import { signInThroughSandbox } from './signIn';
import {
  approveRequest,
  openRequest,
  requestDeployment,
  waitForTask,
} from './template';

// Dana (payments-team) requests, Pat (platform-team) approves: two people, two browser contexts.
const deployment = `e2e-${Date.now().toString(36)}-dana`;

test('a developer cannot approve her own request; the platform team approves it', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dana = await browser.newPage();
  const pat = await browser.newPage();
  try {
    await signInThroughSandbox(dana, 'Dana Developer');
    const taskUrl = await test.step('Dana requests a deployment', () =>
      requestDeployment(dana, deployment, 'Payments team'));

    await test.step('Dana may not approve it, in the page or the API', async () => {
      await dana.getByRole('button', { name: 'Show logs' }).click();
      await expect(
        dana.getByText(/waiting for approval by the platform team/i).first(),
      ).toBeVisible({ timeout: 60_000 });
      await openRequest(dana, deployment);
      await expect(
        dana.getByText(
          /approving, rejecting and retrying requests is reserved for the platform team/,
        ),
      ).toBeVisible();
      await expect(dana.getByRole('button', { name: 'Approve' })).toHaveCount(
        0,
      );

      const backend = 'http://localhost:7007/api';
      const session = await dana.request.get(
        `${backend}/auth/oidc/refresh?optional&env=development`,
        { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
      );
      const { token } = (await session.json()).backstageIdentity;
      const requestId = new URL(dana.url()).pathname.split('/').pop();
      const approval = await dana.request.post(
        `${backend}/camunda-entra/requests/${requestId}/approve`,
        { headers: { Authorization: `Bearer ${token}` }, data: {} },
      );
      expect(approval.status()).toBe(403);
    });

    await test.step('Pat approves it', async () => {
      await signInThroughSandbox(pat, 'Pat Platform');
      await approveRequest(pat, deployment, 'Approved for payments');
    });

    await test.step("Dana's task finishes", () => waitForTask(dana, taskUrl));
  } finally {
    await dana.context().close();
    await pat.context().close();
  }
});
