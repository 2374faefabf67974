export * from './buildValues';
export * from './chartFailRules';
export * from './chartLines';
export * from './chartSchema';
export * from './corrections';
export * from './entraSecretManifest';
export { EXTERNAL_SECRET_REFRESH_INTERVAL_MS } from './externalSecret';
export * from './generateValuesRepository';
export { keyVaultSecretName } from './keyVault';
export * from './portForwards';
export { readKeyVaultSecretStore } from './secretStoreConfig';
export {
  CAMUNDA_SECRET_KEYS,
  ENTRA_SECRET_KEYS,
  entraSecretKey,
  machineClientSecretKey,
  requiredSecretKeys,
} from './secretKeys';
export type { RequiredSecretKey } from './secretKeys';
export * from './strictSchema';
export * from './validateValues';
export * from './writeValuesRepository';
export { toYamlFile } from './yamlFile';
export type { YamlComment } from './yamlFile';
