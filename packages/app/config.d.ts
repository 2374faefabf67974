export interface Config {
  app?: {
    signIn?: {
      /**
       * Sign-in providers the sign-in page offers, in this order: `guest` (dev only),
       * `sandbox` (the local Entra sandbox, through the backend's `oidc` provider) and
       * `microsoft` (Microsoft Entra ID). Default [guest].
       * @visibility frontend
       */
      providers?: Array<'guest' | 'sandbox' | 'microsoft'>;
    };
  };
}
