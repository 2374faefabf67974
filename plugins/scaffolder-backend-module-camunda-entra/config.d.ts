export interface Config {
  camundaEntra?: {
    /** Publishing targets of the Camunda template. */
    publish?: {
      /**
       * Git repositories on the portal's own disk, for laptops and demos with no Git server:
       * the camunda:publish:local and camunda:catalog:register-local actions, `file` catalog
       * locations, and the portal's upgrades (the new line's values on a branch
       * `upgrade-<line>`). Leave disabled on shared portals.
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
