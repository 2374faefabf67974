import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CHART_LINES } from '@camunda-entra/plugin-camunda-entra-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RequestService } from '../requests/RequestService';
import { EntityStatusService } from '../status/EntityStatusService';
import { AdoptionCandidates } from '../adoption/AdoptionCandidates';
import { FleetService } from '../fleet/FleetService';
import { fleetQueryParameters } from '../fleet/fleetQuery';
import type { SignInVerificationService } from '../verification/SignInVerificationService';

const STATES = [
  'pending',
  'approved',
  'rejected',
  'provisioning',
  'provisioned',
  'failed',
] as const;

const listQuery = z
  .object({
    state: z.enum(STATES).optional(),
    kind: z
      .enum(['provision', 'rotate', 'repair', 'transfer', 'adopt', 'upgrade'])
      .optional(),
  })
  .strict();

const createBody = z
  .object({
    spec: z.record(z.string(), z.unknown()),
    entityRef: z.string().min(1).optional(),
    environment: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
        'must be a lower-case name such as development',
      )
      .optional(),
    owner: z.string().min(1).optional(),
    kind: z
      .enum(['provision', 'adopt'], {
        error: 'must be provision, adopt, rotate, repair, transfer or upgrade',
      })
      .optional(),
  })
  .strict();

const rotateBody = z
  .object({
    kind: z.literal('rotate'),
    entityRef: z.string().min(1),
    client: z.string().min(1),
  })
  .strict();

const repairBody = z
  .object({ kind: z.literal('repair'), entityRef: z.string().min(1) })
  .strict();

const transferBody = z
  .object({
    kind: z.literal('transfer'),
    entityRef: z.string().min(1),
    owner: z.string().min(1),
  })
  .strict();

const upgradeBody = z
  .object({
    kind: z.literal('upgrade'),
    entityRef: z.string().min(1),
    chart: z.enum(CHART_LINES),
    // What the target line needs; planUpgrade names the fields it refuses.
    with: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const statusQuery = z.object({ entityRef: z.string().min(1) }).strict();

const candidatesQuery = z.object({ displayName: z.string() }).strict();

const verifyBody = z.object({ entityRef: z.string().min(1) }).strict();

const approveBody = z
  .object({ comment: z.string().max(2000).optional() })
  .strict();

const rejectBody = z
  .object({
    comment: z
      .string({
        error: issue =>
          issue.input === undefined
            ? 'is required: tell the requester why'
            : undefined,
      })
      .max(2000),
  })
  .strict();

/**
 * Options of {@link createRouter}.
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  requests: RequestService;
  status: EntityStatusService;
  verifications: Pick<SignInVerificationService, 'verifyEntity'>;
  adoption: AdoptionCandidates;
  fleet: FleetService;
}

/**
 * The REST API of the camunda-entra backend (see docs/provisioning.md).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, requests, status, verifications, adoption, fleet } =
    options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json({
      items: await requests.list(parse(listQuery, req.query), credentials),
    });
  });

  router.get('/requests/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await requests.get(req.params.id, credentials));
  });

  router.post('/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    if (req.body?.kind === 'rotate') {
      const { kind: _kind, ...body } = parse(rotateBody, req.body);
      res.status(201).json(await requests.createRotation(body, credentials));
      return;
    }
    if (req.body?.kind === 'repair') {
      const { kind: _kind, ...body } = parse(repairBody, req.body);
      res.status(201).json(await requests.createRepair(body, credentials));
      return;
    }
    if (req.body?.kind === 'transfer') {
      const { kind: _kind, ...body } = parse(transferBody, req.body);
      res.status(201).json(await requests.createTransfer(body, credentials));
      return;
    }
    if (req.body?.kind === 'upgrade') {
      const { kind: _kind, ...body } = parse(upgradeBody, req.body);
      res.status(201).json(await requests.createUpgrade(body, credentials));
      return;
    }
    const { kind, ...body } = parse(createBody, req.body);
    res
      .status(201)
      .json(
        kind === 'adopt'
          ? await requests.createAdoption(body, credentials)
          : await requests.create(body, credentials),
      );
  });

  router.post('/requests/:id/approve', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(approveBody, req.body ?? {});
    res.json(await requests.approve(req.params.id, body, credentials));
  });

  router.post('/requests/:id/reject', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(rejectBody, req.body ?? {});
    res.json(await requests.reject(req.params.id, body, credentials));
  });

  // The caller's credentials go to the catalog and the policy: only who may read the entity and
  // its Entra state (camunda-entra.status.read) sees it.
  router.get('/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef } = parse(statusQuery, req.query);
    res.json(await status.getStatus(entityRef, credentials));
  });

  // Changes nothing, so no approval: whoever may read the entity's Entra state runs it. A
  // user's action, like every POST: it requests tokens with the delivered secrets.
  router.post('/verifications', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { entityRef } = parse(verifyBody, req.body ?? {});
    res.json(await verifications.verifyEntity(entityRef, credentials));
  });

  // The fleet view, from the status cache: approvers see every deployment, others those their
  // ownership refs own (decided in the query).
  router.get('/deployments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await fleet.list(parse(fleetQueryParameters, req.query), credentials),
    );
  });

  router.get('/deployments/expiry-timeline', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await fleet.expiryTimeline(credentials));
  });

  // Display names and client IDs of the tenant's applications, as an adoption's plan shows
  // them: for signed-in users, who may ask to adopt them.
  router.get('/adoption/candidates', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const { displayName } = parse(candidatesQuery, req.query);
    res.json({ items: await adoption.find(displayName) });
  });

  // The owner says the new line runs: what only the old line used is removed.
  router.post('/requests/:id/finish', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await requests.finishUpgrade(req.params.id, credentials));
  });

  router.post('/requests/:id/retry', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await requests.retry(req.params.id, credentials));
  });

  return router;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
        .join('; '),
    );
  }
  return result.data;
}
