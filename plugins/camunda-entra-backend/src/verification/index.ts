export { DefaultSignInVerificationService } from './SignInVerificationService';
export type {
  SignInVerificationService,
  SignInVerificationServiceOptions,
} from './SignInVerificationService';
export { directoryTokenEndpoint } from './directoryTokenEndpoint';
export { VerificationStore } from './VerificationStore';
