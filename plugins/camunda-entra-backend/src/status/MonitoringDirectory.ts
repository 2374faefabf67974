// The contract lives in -node beside the directory client; kept here for status's imports.
export type { MonitoringDirectory } from '@camunda-entra/plugin-camunda-entra-node';
