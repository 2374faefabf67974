export interface Config {
  /** Configuration of the Camunda Entra plugins. */
  camundaEntra?: {
    /**
     * The local Entra sandbox the development backend can run, so the portal works without a
     * tenant. Its tenant and automation identity are camundaEntra.directory's tenantId,
     * clientId and clientSecret; it writes its CA to camundaEntra.directory.caFile.
     */
    sandbox?: {
      /** Start the sandbox with the backend. Default false. */
      enabled?: boolean;
      /** Port on 127.0.0.1. Default 7443. */
      port?: number;
      /**
       * Plain-HTTP port on 127.0.0.1 for the sign-in pages a browser opens (authorize, logout),
       * since browsers refuse the sandbox's self-signed certificate. Default 7444.
       */
      browserPort?: number;
      /**
       * Port on 127.0.0.1 of the sandbox's Key Vault (secrets data plane), for
       * camundaEntra.secretSink.type azureKeyVault with vaultUrl https://127.0.0.1:<port>.
       * The automation identity holds Key Vault Secrets Officer on it. Default: no vault.
       */
      keyVaultPort?: number;
      /** Users and groups of the sandbox tenant (YAML). Default examples/entra-directory.yaml. */
      directoryFile?: string;
      /** JSON file keeping the sandbox's keys and directory across restarts. */
      stateFile?: string;
    };
  };
}
