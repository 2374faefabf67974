import { inStep, StepFailure } from '../failure';
import { ClientCredentialsSignIn, OrchestrationAccess } from '../extract/types';
import { clientCredentials } from './clientCredentials';
import { discover } from './provider';
import { acceptToken } from './tokens';

/**
 * A machine's token for the Orchestration Cluster: client credentials with its delivered
 * secret and scope, then the Orchestration Cluster's checks: signature, issuer, audience, and
 * the client-ID claim it knows the client by. Returns that client ID.
 */
export async function playClientSignIn(
  signIn: ClientCredentialsSignIn,
  access: OrchestrationAccess,
  ca: string,
): Promise<string> {
  const provider = await inStep('discovery', () =>
    discover(signIn.authority, ca),
  );
  const token = await clientCredentials(provider, {
    clientId: signIn.clientId,
    clientSecret: signIn.clientSecret,
    scope: signIn.scope,
    ca,
  });
  const orchestration = await inStep('discovery', () =>
    discover({ issuer: access.issuer }, ca),
  );
  const claims = await acceptToken(
    token,
    orchestration,
    { issuer: access.issuer, audiences: access.audiences },
    'orchestration accepts token',
  );
  const clientId = claims[access.clientIdClaim];
  if (clientId !== signIn.clientId) {
    throw new StepFailure(
      'client id claim',
      `${access.clientIdClaim} is ${JSON.stringify(clientId)}, not the client ${
        signIn.clientId
      }`,
    );
  }
  return signIn.clientId;
}
