export { EntraStatusView } from './EntraStatusView';
export { HealthChip } from './HealthChip';
export { SecretExpiryChip } from './SecretExpiryChip';
export { useEntityEntraStatus } from './useEntityEntraStatus';
export type { EntityEntraStatus } from './useEntityEntraStatus';
export { EXPIRY_TONES } from './expiryTones';
