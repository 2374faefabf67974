export { ExpiryNotificationLedger } from './ExpiryNotificationLedger';
export { SecretExpiryScanner } from './SecretExpiryScanner';
