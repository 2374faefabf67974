export { SignInVerificationPanel } from './SignInVerificationPanel';
export { SignInVerificationSummary } from './SignInVerificationSummary';
