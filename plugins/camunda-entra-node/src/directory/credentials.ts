import {
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  TokenCredential,
  TokenCredentialOptions,
  WorkloadIdentityCredential,
} from '@azure/identity';
import { ENTRA_CLOUDS } from '@camunda-entra/plugin-camunda-entra-common';
import { entraCloudEndpoints } from '../clouds';
import { EntraDirectoryConfig } from './config';

const KNOWN_AUTHORITY_HOSTS = ENTRA_CLOUDS.map(
  cloud => entraCloudEndpoints(cloud).authorityHost,
);

/**
 * The credential for the configured identity. A custom authority (the sandbox) gets
 * instance discovery off (MSAL would otherwise ask a Microsoft host) and the extra CA.
 * `trustedCa` replaces Node's CAs: include the public roots.
 *
 * @public
 */
export function createEntraCredential(
  config: EntraDirectoryConfig,
  trustedCa?: string[],
): TokenCredential {
  const options: TokenCredentialOptions & {
    disableInstanceDiscovery?: boolean;
  } = {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: !KNOWN_AUTHORITY_HOSTS.includes(
      config.authorityHost,
    ),
    ...(trustedCa && { tlsOptions: { ca: trustedCa } }),
  };
  const { credential, tenantId } = config;
  switch (credential.type) {
    case 'clientSecret':
      return new ClientSecretCredential(
        tenantId,
        credential.clientId,
        credential.clientSecret,
        options,
      );
    case 'certificate':
      return new ClientCertificateCredential(
        tenantId,
        credential.clientId,
        { certificatePath: credential.certificatePath },
        options,
      );
    case 'workloadIdentity':
      return new WorkloadIdentityCredential({
        ...options,
        tenantId,
        clientId: credential.clientId,
        tokenFilePath: credential.tokenFilePath,
      });
    default:
      return new DefaultAzureCredential({
        ...options,
        tenantId,
        managedIdentityClientId: credential.clientId,
        workloadIdentityClientId: credential.clientId,
      });
  }
}
