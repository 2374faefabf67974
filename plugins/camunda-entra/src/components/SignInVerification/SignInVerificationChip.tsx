import type { SignInVerification } from '@camunda-entra/plugin-camunda-entra-common';
import { StatusChip } from '../StatusChip';

/** "Passed", or how many problems the verification found, in the colour of the outcome. */
export const SignInVerificationChip = (props: {
  verification: SignInVerification;
}) => {
  const { passed, problems } = props.verification;
  return passed ? (
    <StatusChip label="Passed" tone="success" />
  ) : (
    <StatusChip
      label={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}
      tone="error"
    />
  );
};
