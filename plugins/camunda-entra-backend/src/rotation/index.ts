export { SecretRotator } from './SecretRotator';
