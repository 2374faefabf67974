/**
 * Microsoft Graph directory client and Helm values generator shared by the Camunda Entra
 * backend, its scaffolder module and the `camunda-entra` CLI.
 *
 * @packageDocumentation
 */

export * from './clouds';
export * from './directory';
export * from './values';
export * from './permissions';
export * from './verify';
