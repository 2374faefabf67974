import { EntraGraphError, GraphFailure } from './errors';

/** A new object read or addressed by ID before it replicated (FACTS.md §2). */
export const objectNotReplicated = (failure: GraphFailure) =>
  failure.statusCode === 404 && failure.code === 'Request_ResourceNotFound';

/** A service principal created for an application that has not replicated yet. */
export const applicationNotYetValid = (failure: GraphFailure) =>
  failure.statusCode === 400 &&
  /does not reference a valid application object/i.test(failure.message);

/** A create that lost to another run's create of the same object. */
export const alreadyExists = (error: unknown) =>
  error instanceof EntraGraphError &&
  (error.statusCode === 409 ||
    error.code === 'Request_MultipleObjectsWithSameKeyValue');
