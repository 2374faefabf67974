import { CustomErrorBase } from '@backstage/errors';
import { DeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * What Graph answered to a failed call.
 *
 * @public
 */
export interface GraphFailure {
  /** e.g. `PATCH /applications(uniqueName='camunda-payments-optimize')` */
  operation: string;
  statusCode: number;
  /** Graph's error code, e.g. `Authorization_RequestDenied`. */
  code?: string;
  message: string;
  requestId?: string;
  clientRequestId?: string;
  /** From Retry-After, when Graph sent one. */
  retryAfterMs?: number;
}

/**
 * A Microsoft Graph call that failed for good (permanent error, or transient errors beyond
 * the retry budget). Carries Graph's code, message and request-id, and the component
 * (client key) the call was made for, so that the failure can be reported and looked up in
 * Entra's logs.
 *
 * @public
 */
export class EntraGraphError extends CustomErrorBase {
  name = 'EntraGraphError' as const;
  readonly failure: GraphFailure;
  readonly client?: DeploymentClientKey;

  constructor(failure: GraphFailure, client?: DeploymentClientKey) {
    const code = failure.code ? ` ${failure.code}` : '';
    const requestId = failure.requestId
      ? ` (request-id ${failure.requestId})`
      : '';
    super(
      `${client ? `${client}: ` : ''}${failure.operation} failed with ${
        failure.statusCode
      }${code}: ${failure.message}${requestId}`,
    );
    this.failure = failure;
    this.client = client;
  }

  get statusCode(): number {
    return this.failure.statusCode;
  }

  get code(): string | undefined {
    return this.failure.code;
  }

  get requestId(): string | undefined {
    return this.failure.requestId;
  }

  /** The same failure attributed to a component. */
  forClient(client: DeploymentClientKey): EntraGraphError {
    return new EntraGraphError(this.failure, client);
  }
}
