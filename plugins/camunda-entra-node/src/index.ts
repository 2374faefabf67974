/**
 * Microsoft Graph directory client, Helm values generator and secret sinks shared by the
 * Camunda Entra backend, its modules and the `camunda-entra` CLI.
 *
 * @packageDocumentation
 */

export * from './clouds';
export * from './directory';
export * from './values';
export * from './permissions';
export * from './provisioning';
export * from './publish';
export * from './sinks';
export * from './upgrade';
export * from './verify';
