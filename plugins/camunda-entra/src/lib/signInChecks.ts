import type { SignInCheck } from '@camunda-entra/plugin-camunda-entra-common';

/** What each check of a sign-in verification looked at, as a column value. */
export const SIGN_IN_CHECK_LABELS: Record<SignInCheck, string> = {
  application: 'Application',
  platform: 'Platform',
  redirectUris: 'Redirect URIs',
  tokenVersion: 'Token version',
  secret: 'Client secret',
  audience: 'Token audience',
};
