import { FleetQuery } from '@camunda-entra/plugin-camunda-entra-common';
import { z } from 'zod';

const HEALTH = ['ok', 'warning', 'error', 'unknown'] as const;

const instant = z
  .string()
  .refine(
    value => /^\d{4}-\d{2}-\d{2}/.test(value) && !isNaN(Date.parse(value)),
    'must be an ISO 8601 date or date-time, e.g. 2027-01-04',
  );

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine(
      value => value >= min && value <= max,
      `must be a whole number from ${min} to ${max}`,
    );

/**
 * The query string of `GET /deployments` (see FleetQuery and the client's listDeployments):
 * every parameter once, each checked, unknown ones refused.
 */
export const fleetQueryParameters: z.ZodType<FleetQuery> = z
  .object({
    health: z
      .string()
      .transform(value => value.split(','))
      .pipe(
        z.array(
          z.enum(HEALTH, { error: `must be a list of ${HEALTH.join(', ')}` }),
        ),
      )
      .optional(),
    owner: z.string().min(1).max(500).optional(),
    expiringWithinDays: integer(0, 3650).optional(),
    expiringFrom: instant.optional(),
    expiringTo: instant.optional(),
    search: z.string().min(1).max(200).optional(),
    sort: z
      .enum([
        'deployment',
        'owner',
        'chart',
        'health',
        'driftCount',
        'nextExpiry',
      ])
      .optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: integer(1, 500).optional(),
    cursor: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .superRefine((query, context) => {
    if (
      (query.expiringFrom === undefined) !==
      (query.expiringTo === undefined)
    ) {
      context.addIssue({
        code: 'custom',
        path: [
          query.expiringFrom === undefined ? 'expiringFrom' : 'expiringTo',
        ],
        message: 'expiringFrom and expiringTo go together',
      });
    } else if (
      query.expiringFrom !== undefined &&
      query.expiringTo !== undefined &&
      Date.parse(query.expiringFrom) >= Date.parse(query.expiringTo)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['expiringTo'],
        message: 'must be after expiringFrom',
      });
    }
  })
  .transform(({ expiringFrom, expiringTo, ...query }) => ({
    ...query,
    ...(expiringFrom &&
      expiringTo && { expiring: { from: expiringFrom, to: expiringTo } }),
  }));
