/**
 * Types, annotations and permissions shared by the Camunda Entra plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './requests/types';
export * from './status/types';
export * from './fleet/types';
export * from './spec';
export * from './client';
export * from './verification';
