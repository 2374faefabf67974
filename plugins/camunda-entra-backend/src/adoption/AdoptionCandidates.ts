import { InputError } from '@backstage/errors';
import { AdoptionCandidate } from '@camunda-entra/plugin-camunda-entra-common';
import { ProvisioningDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import { REGISTRATION_KINDS, RequestStore } from '../database/RequestStore';

/** Enough for the applications of a few deployments named alike; more means a longer name. */
const LIMIT = 50;

/**
 * Finds the applications someone registered by hand, by the start of their display name (the
 * guide names them after their components), so that a template can fill in an adoption's
 * client IDs. Each says which deployment it belongs to already, if any.
 */
export class AdoptionCandidates {
  static create(options: {
    directory: Pick<ProvisioningDirectory, 'findApplicationsByDisplayName'>;
    store: RequestStore;
  }): AdoptionCandidates {
    return new AdoptionCandidates(options.directory, options.store);
  }

  private constructor(
    private readonly directory: Pick<
      ProvisioningDirectory,
      'findApplicationsByDisplayName'
    >,
    private readonly store: RequestStore,
  ) {}

  async find(displayName: string): Promise<AdoptionCandidate[]> {
    const prefix = displayName.trim();
    if (prefix.length < 3) {
      throw new InputError('displayName: give at least 3 characters');
    }
    const [applications, registrations] = await Promise.all([
      this.directory.findApplicationsByDisplayName(prefix, { limit: LIMIT }),
      this.store.list({ state: 'provisioned' }),
    ]);
    const recorded = new Map<string, string>();
    for (const registration of registrations) {
      if (
        REGISTRATION_KINDS.includes(registration.kind) &&
        !registration.specProblems
      ) {
        for (const appId of Object.values(registration.clients)) {
          recorded.set(appId.toLowerCase(), registration.spec.name);
        }
      }
    }
    return applications.map(application => {
      const deployment =
        application.deployment ?? recorded.get(application.appId.toLowerCase());
      return {
        appId: application.appId,
        displayName: application.displayName,
        platform: platformOf(application),
        ...(deployment && { deployment }),
      };
    });
  }
}

function platformOf(application: {
  webRedirectUris: string[];
  spaRedirectUris: string[];
}): AdoptionCandidate['platform'] {
  if (application.webRedirectUris.length > 0) {
    return 'web';
  }
  return application.spaRedirectUris.length > 0 ? 'spa' : 'none';
}
