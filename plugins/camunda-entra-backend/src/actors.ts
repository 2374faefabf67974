/**
 * The actor recorded in the audit trail for what the plugin does on its own.
 */
export const PLUGIN_ACTOR = 'plugin:camunda-entra';
