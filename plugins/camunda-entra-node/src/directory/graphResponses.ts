/**
 * One answer Graph gave the directory client: every attempt counts, retries included, so that
 * throttling (429) shows as often as it happened.
 *
 * @public
 */
export interface GraphResponseEvent {
  /** The HTTP status of the answer. */
  status: number;
}

/**
 * Called for each {@link GraphResponseEvent}, e.g. to count Graph requests and throttling.
 *
 * @public
 */
export type GraphResponseListener = (event: GraphResponseEvent) => void;
