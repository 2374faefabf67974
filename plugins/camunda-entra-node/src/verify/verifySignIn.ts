import { InputError } from '@backstage/errors';
import {
  DeploymentClientKey,
  deploymentClientIds,
  DeploymentSpec,
  EntraApplicationPlan,
  machineClientName,
  planEntraApplications,
  SignInProblem,
  SignInVerification,
} from '@camunda-entra/plugin-camunda-entra-common';
import { ApplicationsByAppId, EntraDirectory } from '../directory';
import { claimValues, decodeAccessToken, signedByOneOf } from './accessToken';
import { CheckResults, checkApplication } from './applicationChecks';
import { ClientTokenEndpoint, TenantSigningKey } from './clientTokenEndpoint';
import {
  OrchestrationAcceptance,
  orchestrationAcceptance,
} from './orchestrationAcceptance';

/**
 * Options of {@link verifySignIn}.
 *
 * @public
 */
export interface VerifySignInOptions {
  /** Validated, with the registered client IDs in `clients`. */
  spec: DeploymentSpec;
  /** Reads the applications (getApplicationsByAppId). */
  directory: Pick<EntraDirectory, 'getApplicationsByAppId'>;
  /** The tenant's token endpoint, at the authority the directory's credentials go to. */
  tokens: ClientTokenEndpoint;
  /** The delivered secret text of a confidential client; undefined when none was delivered. */
  secretFor(client: DeploymentClientKey): Promise<string | undefined>;
  /** The clock of `verifiedAt`. */
  now?: () => Date;
}

/** What one client's checks share: the spec's IDs, the cluster's acceptance, the keys. */
interface Context {
  options: VerifySignInOptions;
  ids: Record<string, string>;
  found: ApplicationsByAppId;
  acceptance: OrchestrationAcceptance;
  signingKeys: () => Promise<TenantSigningKey[] | undefined>;
}

/**
 * The scope the component asks for, as the values configure it: Connectors the token scope
 * of their values, a machine client the Orchestration Cluster's, any other client its own
 * application's; and whether the Orchestration Cluster must accept the token.
 */
function tokenRequest(
  plan: EntraApplicationPlan,
  context: Context,
): { scope: string; forOrchestration: boolean } {
  const { ids, acceptance } = context;
  if (machineClientName(plan.client) !== undefined) {
    return { scope: `${ids.orchestration}/.default`, forOrchestration: true };
  }
  if (
    plan.client === 'orchestration' &&
    acceptance.connectorsTokenScope !== undefined
  ) {
    return { scope: acceptance.connectorsTokenScope, forOrchestration: true };
  }
  return { scope: `${ids[plan.client]}/.default`, forOrchestration: false };
}

/** Why the Orchestration Cluster, as configured, would refuse the token; empty if it would not. */
async function refusals(
  accessToken: string,
  clientId: string,
  context: Context,
): Promise<string[]> {
  const token = decodeAccessToken(accessToken);
  if (!token) {
    return ['it is not a JWT'];
  }
  const { acceptance } = context;
  const reasons: string[] = [];
  const keys = await context.signingKeys();
  if (keys && !signedByOneOf(token, keys)) {
    reasons.push("its signature does not verify with the tenant's keys");
  }
  if (token.claims.iss !== acceptance.issuer) {
    reasons.push(
      `issuer ${String(token.claims.iss)} is not the configured ${
        acceptance.issuer
      }`,
    );
  }
  const audiences = claimValues(token.claims.aud);
  if (!audiences.some(aud => acceptance.audiences.includes(aud))) {
    reasons.push(
      `audience ${
        audiences.join(', ') || '(none)'
      } is not the configured ${acceptance.audiences.join(', ')}`,
    );
  }
  const claim = acceptance.clientIdClaim;
  if (token.claims[claim] !== clientId) {
    reasons.push(
      `${claim} is ${
        token.claims[claim] === undefined
          ? 'missing'
          : String(token.claims[claim])
      }, not the client ID ${clientId}`,
    );
  }
  return reasons;
}

/** The delivered secret obtains a token; a token for the cluster is one it accepts. */
async function checkSecret(
  results: CheckResults,
  plan: EntraApplicationPlan,
  context: Context,
): Promise<void> {
  const { client } = plan;
  const clientId = context.ids[client];
  const secret = await context.options.secretFor(client);
  if (!secret) {
    results.check(client, 'secret', {
      message: 'no delivered secret of it to check',
    });
    return;
  }
  const request = tokenRequest(plan, context);
  const answer = await context.options.tokens.clientCredentials({
    clientId,
    clientSecret: secret,
    scope: request.scope,
  });
  if ('error' in answer) {
    // Entra does not echo secrets, but a description is text from elsewhere: make sure.
    const description = answer.description.split(secret).join('[secret]');
    results.check(client, 'secret', {
      message: `its delivered secret obtains no token for ${request.scope}: ${
        description || answer.error
      }`,
      ...(answer.entraError && { entraError: answer.entraError }),
    });
    return;
  }
  results.check(client, 'secret', undefined);
  if (request.forOrchestration) {
    const reasons = await refusals(answer.accessToken, clientId, context);
    results.check(
      client,
      'audience',
      reasons.length > 0
        ? {
            message: `the Orchestration Cluster would refuse its token for ${
              request.scope
            }: ${reasons.join('; ')}`,
          }
        : undefined,
    );
  }
}

async function verifyClient(
  plan: EntraApplicationPlan,
  context: Context,
): Promise<CheckResults> {
  const results = new CheckResults();
  const clientId = context.ids[plan.client];
  const id = clientId.toLowerCase();
  const exists = checkApplication(results, plan, clientId, {
    application: context.found.applications.find(
      a => a.appId.toLowerCase() === id,
    ),
    servicePrincipal: context.found.servicePrincipalAppIds.some(
      appId => appId.toLowerCase() === id,
    ),
  });
  // A missing application has no secret to try: its one problem says why.
  if (exists && plan.needsSecret) {
    await checkSecret(results, plan, context);
  }
  return results;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

/**
 * Checks, without a browser and without changing anything, that a registered deployment's
 * clients can sign in as its generated values configure them: each application exists with
 * the platform, redirect URIs and token version registration gives it; each confidential
 * client's delivered secret obtains a token; the tokens of Connectors and of each machine
 * client are ones the Orchestration Cluster accepts (signature against the tenant's keys when
 * they can be read, issuer, audience, client ID claim). Throws an `InputError` for a spec
 * without its client IDs, and errors other than Entra's refusals (Graph or the token endpoint
 * unreachable).
 *
 * @public
 */
export async function verifySignIn(
  options: VerifySignInOptions,
): Promise<SignInVerification> {
  const { spec, tokens } = options;
  const now = options.now ?? (() => new Date());
  const ids = deploymentClientIds(spec.clients);
  const plans = planEntraApplications(spec);
  const unregistered = plans.filter(plan => !ids[plan.client]);
  if (unregistered.length > 0) {
    throw new InputError(
      `the spec has no client ID for ${unregistered
        .map(plan => plan.client)
        .join(', ')}: verify a registered deployment's spec`,
    );
  }
  const context: Context = {
    options,
    ids,
    acceptance: orchestrationAcceptance(spec),
    found: await options.directory.getApplicationsByAppId(
      plans.map(plan => ids[plan.client]),
    ),
    signingKeys: once(async () => tokens.signingKeys?.()),
  };
  const results = await Promise.all(
    plans.map(plan => verifyClient(plan, context)),
  );
  const problems: SignInProblem[] = results.flatMap(r => r.problems);
  return {
    verifiedAt: now().toISOString(),
    passed: problems.length === 0,
    checks: results.reduce((sum, r) => sum + r.checks, 0),
    problems,
  };
}
