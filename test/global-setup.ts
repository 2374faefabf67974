// Playwright's webServer waits for the frontend only; the backend may still be starting
// (migrations, catalog ingestion). Wait until both answer before any test signs in.
const endpoints = [
  'http://localhost:3000',
  'http://localhost:7007/.backstage/health/v1/readiness',
];

async function waitFor(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`The portal did not become ready: ${url}`);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + 300_000;
  await Promise.all(endpoints.map(url => waitFor(url, deadline)));
}
