export interface Config {
  /** Configuration of the Camunda Entra plugins. */
  camundaEntra?: {
    /**
     * The Entra ID tenant applications are registered in, and the identity that registers
     * them. It needs the Microsoft Graph application permission Application.ReadWrite.OwnedBy;
     * DelegatedPermissionGrant.ReadWrite.All only with grantAdminConsent; Application.Read.All
     * to monitor applications it does not own. Relative file paths (certificatePath,
     * federatedTokenFile, caFile) start at the repository root.
     */
    directory?: {
      /** Tenant (directory) ID, a GUID. */
      tenantId: string;
      /**
       * Application (client) ID of the automation identity. Required with clientSecret,
       * certificatePath or federatedTokenFile; with none of them the default Azure credential
       * chain is used (environment, workload identity, managed identity with this client ID,
       * Azure CLI).
       */
      clientId?: string;
      /**
       * Client secret of the automation identity.
       * @visibility secret
       */
      clientSecret?: string;
      /** PEM file holding the certificate and private key of the automation identity. */
      certificatePath?: string;
      /** Projected service account token (workload identity federation). */
      federatedTokenFile?: string;
      /** National cloud: global (default), usgov or china. Selects login and Graph hosts. */
      cloud?: 'global' | 'usgov' | 'china';
      /** Custom authority host (https), e.g. the local Entra sandbox. Overrides the cloud's. */
      authorityHost?: string;
      /** Custom Microsoft Graph base URL (https, with or without `/v1.0`). Overrides the cloud's. */
      graphUrl?: string;
      /** Extra CA certificate (PEM file) trusted for the authority host and Graph. */
      caFile?: string;
      /** Lifetime of new client secrets in days. Default 180. */
      secretLifetimeDays?: number;
      /** Upper bound for any secret lifetime, e.g. a tenant policy's. Default 730. */
      maxSecretLifetimeDays?: number;
      /**
       * Grant tenant-wide admin consent for openid, profile, email and offline_access.
       * Needs DelegatedPermissionGrant.ReadWrite.All. Default false.
       */
      grantAdminConsent?: boolean;
      /** Object IDs of users or service principals made owners of every application. */
      owners?: string[];
      /** Retries of throttled (429), unavailable (503/504) and not-yet-replicated calls. */
      retry?: {
        /** Retries after the first attempt. Default 6. */
        maxRetries?: number;
        /** Backoff before the first retry; doubles per retry, with jitter. Default 500. */
        baseDelayMs?: number;
        /** Cap of the backoff (Retry-After is honoured as sent). Default 20000. */
        maxDelayMs?: number;
      };
    };
  };
}
