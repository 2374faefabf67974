import { defineConfig } from '@playwright/test';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

// Debian's Chromium: Playwright cannot download its own browser here. The flags keep it from
// reaching for Google services, which this machine's closed network refuses. Playwright itself
// runs it headless with a fresh profile.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: path.join(__dirname, 'e2e'),
  globalSetup: require.resolve('./global-setup'),
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json']],
  outputDir: path.join(root, '.cache/e2e-results'),
  webServer: {
    // The whole portal as a developer starts it: frontend dev server on :3000, backend on :7007.
    command: 'yarn start',
    cwd: root,
    url: 'http://localhost:3000',
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
});
