import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxDirectoryConfig } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import { freePort } from './freePort';

export const TENANT = '7e57ab1e-5a4d-4b0c-8000-00000000e1d1';
export const AUTOMATION = {
  clientId: '5a4db0c5-0000-4000-8000-0000000000a1',
  clientSecret: 'backend-test-only',
};

/**
 * `camundaEntra` configuration of a sandbox with the example people, on free ports, keeping
 * its state and CA in a new temporary folder.
 */
export async function sandboxConfig() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-sandbox-'));
  const [port, browserPort] = [await freePort(), await freePort()];
  const origin = `https://127.0.0.1:${port}`;
  const caFile = path.join(dir, 'ca.pem');
  return {
    port,
    browserPort,
    caFile,
    stateFile: path.join(dir, 'state.json'),
    camundaEntra: {
      sandbox: {
        enabled: true,
        port,
        browserPort,
        stateFile: path.join(dir, 'state.json'),
        directoryFile: path.resolve(
          __dirname,
          '../../../../examples/entra-directory.yaml',
        ),
      },
      // The sandbox starts with this configuration, so its tenant is described up front.
      directory: sandboxDirectoryConfig({
        tenantId: TENANT,
        credentials: AUTOMATION,
        authorityHost: origin,
        url: origin,
        caFile,
      }),
    },
  };
}
