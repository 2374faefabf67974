import { InputError } from '@backstage/errors';
import { MICROSOFT_GRAPH_APP_ID, SIGN_IN_SCOPES } from './applicationManifest';
import { EntraGraphError } from './errors';
import { ExistingRegistration, grantFilterUrl } from './existingRegistrations';
import {
  alreadyExists,
  applicationNotYetValid,
  objectNotReplicated,
} from './graphAnswers';
import { GraphApi } from './graphApi';
import { alternateKey } from './graphQueries';
import { RegisteredApplication } from './types';

/** The delegated Graph scopes the sign-in applications are consented to. */
export const CONSENT_SCOPES = Object.keys(SIGN_IN_SCOPES);

/** A service principal registration found or created. */
export interface EnsuredServicePrincipal {
  id: string;
  created: boolean;
  /** When the create answered, from which replication is awaited. */
  createdAt: number;
}

type Consent = RegisteredApplication['consent'];

/**
 * Service principals of the deployment's applications and their tenant-wide consent to
 * Microsoft Graph's sign-in scopes.
 */
export class ServicePrincipals {
  private graphServicePrincipal?: Promise<string>;

  constructor(
    private readonly graph: () => Promise<GraphApi>,
    private readonly tenantId: string,
  ) {}

  /**
   * Finds or creates the application's service principal. A new application cannot have
   * one yet, and registration's read looked up the others it saw: a lookup only for
   * applications it did not see.
   */
  async ensure(
    api: GraphApi,
    app: { appId: string; created: boolean; existing?: ExistingRegistration },
  ): Promise<EnsuredServicePrincipal> {
    const existing =
      app.created || app.existing
        ? app.existing?.servicePrincipalId
        : await this.find(api, app.appId);
    if (existing) {
      return { id: existing, created: false, createdAt: 0 };
    }
    try {
      const { body } = await api.call<{ id: string }>(
        'POST',
        '/servicePrincipals',
        {
          body: { appId: app.appId },
          notYetReplicated: applicationNotYetValid,
        },
      );
      return { id: body.id, created: true, createdAt: Date.now() };
    } catch (error) {
      if (!alreadyExists(error)) {
        throw error;
      }
      // Created concurrently (another run): use that one.
      return {
        id: (await this.find(api, app.appId, true))!,
        created: false,
        createdAt: 0,
      };
    }
  }

  /** Microsoft Graph's service principal in the tenant, looked up once. */
  microsoftGraphServicePrincipalId(): Promise<string> {
    this.graphServicePrincipal ??= this.graph()
      .then(api => this.find(api, MICROSOFT_GRAPH_APP_ID))
      .then(id => {
        if (!id) {
          throw new InputError(
            `Microsoft Graph has no service principal in tenant ${this.tenantId}`,
          );
        }
        return id;
      })
      .catch(error => {
        this.graphServicePrincipal = undefined;
        throw error;
      });
    return this.graphServicePrincipal;
  }

  /** Tenant-wide consent for the sign-in scopes: create the grant, or widen its scope. */
  async grantConsent(
    api: GraphApi,
    principal: { id: string; created: boolean },
    existing: ExistingRegistration | undefined,
  ): Promise<Consent> {
    const resourceId = await this.microsoftGraphServicePrincipalId();
    if (!principal.created) {
      // Registration's read has the grant (or its absence) unless it did not see the app.
      const grant =
        existing?.grant !== undefined
          ? existing.grant
          : await this.findGrant(api, principal.id, resourceId);
      if (grant) {
        return this.widenGrant(api, grant);
      }
    }
    try {
      await api.call('POST', '/oauth2PermissionGrants', {
        body: {
          clientId: principal.id,
          consentType: 'AllPrincipals',
          resourceId,
          scope: CONSENT_SCOPES.join(' '),
        },
        notYetReplicated: principal.created ? objectNotReplicated : undefined,
      });
      return 'created';
    } catch (error) {
      if (!alreadyExists(error)) {
        throw error;
      }
      const grant = await this.findGrant(api, principal.id, resourceId);
      return grant ? this.widenGrant(api, grant) : 'unchanged';
    }
  }

  private async find(
    api: GraphApi,
    appId: string,
    justCreated = false,
  ): Promise<string | undefined> {
    try {
      const { body } = await api.call<{ id: string }>(
        'GET',
        `/servicePrincipals${alternateKey('appId', appId)}?$select=id`,
        { notYetReplicated: justCreated ? objectNotReplicated : undefined },
      );
      return body.id;
    } catch (error) {
      if (
        error instanceof EntraGraphError &&
        objectNotReplicated(error.failure) &&
        !justCreated
      ) {
        return undefined;
      }
      throw error;
    }
  }

  private async findGrant(
    api: GraphApi,
    clientId: string,
    resourceId: string,
  ): Promise<{ id: string; scope?: string } | undefined> {
    const { body } = await api.call<{
      value: Array<{ id: string; scope?: string }>;
    }>('GET', grantFilterUrl(clientId, resourceId));
    return body.value[0];
  }

  private async widenGrant(
    api: GraphApi,
    grant: { id: string; scope?: string },
  ): Promise<'updated' | 'unchanged'> {
    const granted = (grant.scope ?? '').split(' ').filter(Boolean);
    const missing = CONSENT_SCOPES.filter(scope => !granted.includes(scope));
    if (missing.length === 0) {
      return 'unchanged';
    }
    await api.call(
      'PATCH',
      `/oauth2PermissionGrants/${encodeURIComponent(grant.id)}`,
      { body: { scope: [...granted, ...missing].join(' ') } },
    );
    return 'updated';
  }
}
