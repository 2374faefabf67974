import fs from 'node:fs';
import path from 'node:path';
import { DirectoryData, emptyDirectory } from './directory/store';
import { emptyKeyVault, KeyVaultData } from './keyvault/store';
import { generateSigningKeyPem } from './oidc/tokenSigner';
import { RefreshGrant } from './oidc/userTokens';
import {
  generateTlsMaterial,
  renewTlsMaterial,
  SandboxTlsMaterial,
} from './tls/certificates';

/** Everything a sandbox needs to come back as it was: keys, CA, tenant, directory and vault. */
export interface SandboxState {
  version: 1;
  tenantId: string;
  tls: SandboxTlsMaterial;
  signingKeyPem: string;
  directory: DirectoryData;
  /** The secrets of the sandbox's Key Vault, values included (hence mode 0600). */
  keyVault: KeyVaultData;
  /** Refresh tokens and browser sessions by hash, so that sign-ins survive a restart. */
  signIn: {
    refreshTokens: Record<string, RefreshGrant>;
    sessions: Record<string, string>;
  };
}

export function newState(tenantId: string): SandboxState {
  return {
    version: 1,
    tenantId,
    tls: generateTlsMaterial(),
    signingKeyPem: generateSigningKeyPem(),
    directory: emptyDirectory(),
    keyVault: emptyKeyVault(),
    signIn: { refreshTokens: {}, sessions: {} },
  };
}

/** Loads a state file, or creates the state when the file does not exist yet. */
export function loadState(
  file: string | undefined,
  tenantId: string,
): SandboxState {
  if (!file || !fs.existsSync(file)) {
    return newState(tenantId);
  }
  const state = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxState;
  if (state.version !== 1) {
    throw new Error(`Unsupported sandbox state version in ${file}`);
  }
  return {
    ...state,
    tls: renewTlsMaterial(state.tls),
    // State files written before the sandbox had groups and sign-in.
    directory: { ...state.directory, groups: state.directory.groups ?? [] },
    signIn: state.signIn ?? { refreshTokens: {}, sessions: {} },
    keyVault: state.keyVault ?? emptyKeyVault(),
  };
}

/**
 * Writes the state atomically with mode 0600: it holds the sandbox CA's private key.
 */
export function saveState(file: string, state: SandboxState) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
  fs.renameSync(temporary, file);
}
