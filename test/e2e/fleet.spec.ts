import { APIRequestContext, expect, Page, test } from '@playwright/test';
import type {
  CamundaEntraRequest,
  ExpiryTimeline,
  FleetPage,
} from '@camunda-entra/plugin-camunda-entra-common';
import { signInAsGuest } from './signIn';

const api = 'http://localhost:7007/api/camunda-entra';

// The sandbox and the portal's database keep earlier runs' deployments: this run's share a
// prefix, which the table's search narrows the page to.
const prefix = `fleet-${Date.now().toString(36)}`;
const COUNT = 30;
const PARALLEL = 5;
/** Secrets end 22, 27, ... 167 days after provisioning: clear of the filters' day boundaries. */
const lifetimeDays = (i: number) => 22 + 5 * i;
const nameOf = (i: number) => `${prefix}-${String(i).padStart(2, '0')}`;

async function guestToken(page: Page): Promise<string> {
  const session = await page.request.get(
    'http://localhost:7007/api/auth/guest/refresh?env=development',
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(session.ok()).toBe(true);
  return (await session.json()).backstageIdentity.token;
}

/**
 * Requests a deployment with one application whose secret lives `lifetimeDays`, and approves
 * it: the guest is an approver and the dev portal lets approvers approve their own requests.
 */
async function provision(
  request: APIRequestContext,
  headers: Record<string, string>,
  i: number,
) {
  const name = nameOf(i);
  const created = await request.post(`${api}/requests`, {
    headers,
    data: {
      spec: {
        name,
        namespace: `${name}-ns`,
        chart: '8.8',
        components: { orchestration: { url: 'http://localhost:8080' } },
        admins: ['alice@example.com'],
        secretLifetimeDays: lifetimeDays(i),
      },
      environment: i % 2 ? 'development' : 'production',
      owner: i % 2 ? 'group:default/guests' : 'group:default/platform-team',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  const approved = await request.post(`${api}/requests/${id}/approve`, {
    headers,
    data: { comment: 'fleet e2e' },
  });
  expect(approved.ok(), await approved.text()).toBe(true);
}

/**
 * Retries this run's failed requests, saying so in the report: what failed is the dev
 * portal's storage under load, not the fleet view under test.
 */
async function retryFailed(
  request: APIRequestContext,
  headers: Record<string, string>,
) {
  const { items } = await getJson<{ items: CamundaEntraRequest[] }>(
    request,
    headers,
    '/requests',
  );
  for (const failed of items.filter(
    r => r.state === 'failed' && String(r.spec.name).startsWith(prefix),
  )) {
    test.info().annotations.push({
      type: 'retried',
      description: `${failed.spec.name}: ${failed.failureReason}`,
    });
    const retried = await request.post(`${api}/requests/${failed.id}/retry`, {
      headers,
      data: {},
    });
    expect(retried.ok(), await retried.text()).toBe(true);
  }
}

async function getJson<T>(
  request: APIRequestContext,
  headers: Record<string, string>,
  path: string,
): Promise<T> {
  const response = await request.get(`${api}${path}`, { headers });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
}

/** The deployment names of the table's rows, top to bottom. */
async function rowNames(page: Page): Promise<string[]> {
  // The first cell shows the name above its namespace.
  const cells = await page
    .getByRole('row')
    .filter({ hasText: prefix })
    .locator('td:first-child')
    .allTextContents();
  return cells.map(text => text.match(new RegExp(`^${prefix}-\\d\\d`))![0]);
}

/** The table's "1-20 of 30" (the pagination has a hidden copy for narrow screens). */
const pageCount = (page: Page) =>
  page.getByText(/^\d+-\d+ of \d+$/).filter({ visible: true });

const weekLabel = new Intl.DateTimeFormat('en', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

// Room for the chart and a page of the table beside the notifications' toasts.
test.use({ viewport: { width: 1600, height: 1200 } });

test('the fleet page sorts, filters by expiry and by a week of the timeline, over 30 deployments', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await signInAsGuest(page);
  const headers = { Authorization: `Bearer ${await guestToken(page)}` };

  const fleet =
    await test.step(`provision ${COUNT} deployments in the sandbox`, async () => {
      // A few at a time: the dev portal's SQLite refuses writes ("database is locked") when
      // dozens of provisionings record their progress at once.
      for (let i = 0; i < COUNT; i += PARALLEL) {
        await Promise.all(
          Array.from({ length: Math.min(PARALLEL, COUNT - i) }, (_, j) =>
            provision(page.request, headers, i + j),
          ),
        );
      }
      // The backend refreshes a deployment's row as soon as its request settles.
      let listed: FleetPage = { items: [], totalCount: 0 };
      await expect(async () => {
        await retryFailed(page.request, headers);
        listed = await getJson<FleetPage>(
          page.request,
          headers,
          `/deployments?search=${prefix}&limit=${COUNT}`,
        );
        expect(listed.items.filter(item => item.nextExpiry)).toHaveLength(
          COUNT,
        );
      }).toPass({ timeout: 240_000, intervals: [2_000] });
      return listed.items;
    });

  await test.step('open the fleet page from the navigation and search', async () => {
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Camunda fleet' })
      .click();
    await expect(page).toHaveURL(/\/camunda-entra\/deployments$/);
    await page.getByPlaceholder('Filter').fill(prefix);
    await expect(pageCount(page)).toHaveText(`1-20 of ${COUNT}`);
  });

  await test.step('sort by the next secret expiry, both ways', async () => {
    const header = page.getByRole('columnheader', {
      name: 'Next secret expiry',
    });
    await header.click();
    await expect
      .poll(() => rowNames(page))
      .toEqual(Array.from({ length: 20 }, (_, i) => nameOf(i)));
    await header.click();
    await expect
      .poll(async () => (await rowNames(page))[0])
      .toBe(nameOf(COUNT - 1));
    await header.click();
    await page.screenshot({
      path: test.info().outputPath('fleet.png'),
      fullPage: true,
    });
  });

  await test.step('filter to the secrets expiring within 30 days', async () => {
    await page.getByRole('button', { name: 'Secret expiring' }).click();
    await page.getByRole('option', { name: 'Within 30 days' }).click();
    // 22 and 27 days.
    await expect.poll(() => rowNames(page)).toEqual([nameOf(0), nameOf(1)]);
    await page.getByRole('button', { name: 'Secret expiring' }).click();
    await page.getByRole('option', { name: 'Any time' }).click();
    await expect(pageCount(page)).toHaveText(`1-20 of ${COUNT}`);
  });

  await test.step('click a week on the timeline', async () => {
    // The week in which the secret of the eleventh deployment ends (72 days).
    const end = Date.parse(
      fleet.find(d => d.deployment === nameOf(10))!.nextExpiry!.endDateTime,
    );
    const { weeks } = await getJson<ExpiryTimeline>(
      page.request,
      headers,
      '/deployments/expiry-timeline',
    );
    const week = weeks.find(
      w =>
        Date.parse(`${w.start}T00:00:00Z`) <= end &&
        end < Date.parse(`${w.start}T00:00:00Z`) + 7 * 86_400_000,
    )!;
    const from = Date.parse(`${week.start}T00:00:00Z`);
    const expected = fleet
      .filter(d => {
        const t = Date.parse(d.nextExpiry!.endDateTime);
        return from <= t && t < from + 7 * 86_400_000;
      })
      .map(d => d.deployment)
      .sort();
    expect(expected).toContain(nameOf(10));

    await page
      .getByRole('button', {
        name: new RegExp(`in the week of ${weekLabel.format(new Date(from))}$`),
      })
      .first()
      .click();
    await expect(
      page.getByRole('button', { name: /^Secrets ending / }),
    ).toBeVisible();
    await expect
      .poll(async () => (await rowNames(page)).sort())
      .toEqual(expected);
  });
});
