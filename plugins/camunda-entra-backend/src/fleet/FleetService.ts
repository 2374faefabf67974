import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  camundaEntraRequestApprovePermission,
  ExpiryTimeline,
  FleetPage,
  FleetQuery,
} from '@camunda-entra/plugin-camunda-entra-common';
import { SecretExpiryThresholds } from '../config';
import {
  FleetStatusStore,
  FleetVisibility,
} from '../database/FleetStatusStore';
import { secretExpiry } from '../status/secretExpiry';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
const TIMELINE_WEEKS = 26;

type FleetServiceOptions = {
  fleet: Pick<FleetStatusStore, 'list' | 'secretsEndingBefore'>;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  thresholds: SecretExpiryThresholds;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
};

/**
 * The fleet view, answered from the status cache: approvers (who hold
 * camunda-entra.request.approve, as for deciding on requests) see every deployment, anyone else
 * those whose recorded owner is one of their ownership refs (themselves and their groups).
 */
export class FleetService {
  static create(options: FleetServiceOptions): FleetService {
    return new FleetService({ ...options, now: options.now ?? Date.now });
  }

  private constructor(
    private readonly options: Required<FleetServiceOptions>,
  ) {}

  async list(
    query: FleetQuery,
    credentials: UserCredentials,
  ): Promise<FleetPage> {
    const now = this.options.now();
    const page = await this.options.fleet.list(
      {
        ...(query.health && { health: query.health }),
        ...(query.owner && { owner: query.owner }),
        ...(query.expiringWithinDays !== undefined && {
          expiringBefore: new Date(
            now + query.expiringWithinDays * DAY_MS,
          ).toISOString(),
        }),
        ...(query.expiring && {
          expiring: {
            from: new Date(query.expiring.from).toISOString(),
            to: new Date(query.expiring.to).toISOString(),
          },
        }),
        ...(query.search && { search: query.search }),
        sort: query.sort ?? 'deployment',
        order: query.order ?? 'asc',
        limit: query.limit ?? 50,
        ...(query.cursor && { cursor: query.cursor }),
      },
      await this.visibility(credentials),
    );
    return {
      items: page.items.map(({ tenantId: _tenantId, nextExpiry, ...item }) => ({
        ...item,
        ...(nextExpiry && {
          nextExpiry: {
            ...nextExpiry,
            status: secretExpiry(
              nextExpiry.endDateTime,
              now,
              this.options.thresholds,
            ).status,
          },
        }),
      })),
      totalCount: page.totalCount,
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    };
  }

  /**
   * The secrets ending in each of 26 weeks from the Monday (UTC) of this week on, by their
   * status today; those that ended before it are counted in the first week.
   */
  async expiryTimeline(credentials: UserCredentials): Promise<ExpiryTimeline> {
    const now = this.options.now();
    const today = new Date(now);
    const start = Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth(),
      today.getUTCDate() - ((today.getUTCDay() + 6) % 7),
    );
    const weeks = Array.from({ length: TIMELINE_WEEKS }, (_, i) => ({
      start: new Date(start + i * WEEK_MS).toISOString().slice(0, 10),
      counts: { expired: 0, critical: 0, expiring: 0, ok: 0 },
    }));
    const ends = await this.options.fleet.secretsEndingBefore(
      new Date(start + TIMELINE_WEEKS * WEEK_MS).toISOString(),
      await this.visibility(credentials),
    );
    for (const end of ends) {
      const week = Math.max(0, Math.floor((Date.parse(end) - start) / WEEK_MS));
      weeks[week].counts[
        secretExpiry(end, now, this.options.thresholds).status
      ] += 1;
    }
    return { weeks };
  }

  private async visibility(
    credentials: UserCredentials,
  ): Promise<FleetVisibility> {
    const [[decision], info] = await Promise.all([
      this.options.permissions.authorize(
        [{ permission: camundaEntraRequestApprovePermission }],
        { credentials },
      ),
      this.options.userInfo.getUserInfo(credentials),
    ]);
    return decision.result === AuthorizeResult.ALLOW
      ? { all: true }
      : { owners: info.ownershipEntityRefs };
  }
}
