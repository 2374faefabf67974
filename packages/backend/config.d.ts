export interface Config {
  camundaEntra?: {
    /**
     * The keys of the local Entra sandbox that the development backend reads in addition to
     * packages/entra-sandbox's (enabled, port, stateFile). The sandbox registers the portal's
     * OIDC sign-in client from auth.providers.oidc.<auth.environment>, with the redirect URI
     * <backend.baseUrl>/api/auth/oidc/handler/frame.
     */
    sandbox?: {
      /** Port on 127.0.0.1 of the sign-in page a browser opens, plain HTTP. Default 7444. */
      browserPort?: number;
      /**
       * YAML file with the tenant's users and groups, relative to the repository root.
       * Default examples/entra-directory.yaml.
       */
      directoryFile?: string;
    };
  };
}
