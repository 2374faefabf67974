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
    /** Where provisioning puts the client secrets. */
    secretSink?: {
      /**
       * `local` (default): a mode 0600 Secret manifest per request on the backend's disk;
       * `kubernetes`: the Secret named in the spec (entra-credentials) in the deployment's
       * namespace, through the cluster configuration (kubeconfig or in-cluster);
       * `azureKeyVault`: one secret per key in an Azure Key Vault, read into the cluster by the
       * External Secrets Operator.
       */
      type?: 'local' | 'kubernetes' | 'azureKeyVault';
      local?: {
        /** Folder for the manifests; relative paths start at the repository root. Default .camunda-entra/secrets */
        directory?: string;
      };
      kubernetes?: {
        /** kubeconfig context to use instead of the current one. */
        context?: string;
        /**
         * Namespaces the sink may write Secrets to, as patterns where `*` matches any run of
         * characters (e.g. `camunda-*`). A request for another namespace is refused when it
         * is made. Default: every namespace except Kubernetes' own (kube-system,
         * kube-public, kube-node-lease); a pattern such as `*` allows those too.
         */
        allowedNamespaces?: string[];
      };
      /**
       * Each client secret becomes the vault secret `camunda-<deployment>-<key>` (e.g.
       * camunda-payments-orchestration-cluster-client-secret), content type text/plain, tagged
       * with the deployment, client and request, expiring with the Entra secret; a rotation
       * adds a version. The identity needs the vault role Key Vault Secrets Officer.
       */
      azureKeyVault?: {
        /** The vault's URL, e.g. https://payments-kv.vault.azure.net */
        vaultUrl: string;
        /**
         * The default way the cluster reads this vault: each generated repository carries a
         * SecretStore of its deployment's namespace that reads the vault as this identity
         * (Azure workload identity of the namespace's service account camunda-entra-key-vault),
         * so no other namespace can read a deployment's secrets. Either this or storeRef.
         */
        workloadIdentity?: {
          /** Client ID of the managed identity or application with Key Vault Secrets User. */
          clientId: string;
        };
        /**
         * Instead, an External Secrets store the cluster runs, named in the generated
         * ExternalSecrets. A ClusterSecretStore lets an ExternalSecret in any namespace read the
         * whole vault.
         */
        storeRef?: {
          kind: 'SecretStore' | 'ClusterSecretStore';
          /** A Kubernetes resource name, e.g. azure-kv. */
          name: string;
        };
        /**
         * Tenant of the identity below; default the directory's (camundaEntra.directory.tenantId).
         */
        tenantId?: string;
        /**
         * Client ID of an identity of the sink's own, with clientSecret. Default: the
         * directory's automation identity (camundaEntra.directory).
         */
        clientId?: string;
        /**
         * Client secret of that identity.
         * @visibility secret
         */
        clientSecret?: string;
        /**
         * Extra CA (PEM file) trusted for the vault and the sign-in, e.g. the sandbox's; relative
         * paths start at the repository root. Default: camundaEntra.directory.caFile.
         */
        caFile?: string;
      };
    };
    /** Publishing targets of the Camunda template and of the portal's upgrades. */
    publish?: {
      /**
       * Git repositories on the portal's own disk, for laptops and demos with no Git server:
       * the camunda:publish:local and camunda:catalog:register-local actions, `file` catalog
       * locations, and the portal's upgrades (the new line's values on a branch
       * `upgrade-<line>`). Read by this package's readLocalPublishConfig, for the scaffolder
       * module and the backend alike. Leave disabled on shared portals.
       */
      local?: {
        /** Default false. */
        enabled?: boolean;
        /** Folder holding the repositories; relative paths start at the repository root. Default .camunda-entra/repos */
        directory?: string;
      };
    };
  };
}
