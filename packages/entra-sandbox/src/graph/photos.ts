import { GraphContext } from './context';
import { GraphHttpError } from './errors';
import { readableGroup } from './groups';
import { EntityKey } from './odata';
import { GraphCall, GraphResult } from './types';
import { readableUser } from './users';

/**
 * `/{users|groups}/{id}/photo[/$value]` and `/photos[/{size}[/$value]]`: after the
 * permission and existence checks, Graph's 404 for an object without a profile photo (the
 * sandbox stores none).
 */
function photoHandler(
  readable: (context: GraphContext, call: GraphCall, key: EntityKey) => unknown,
) {
  return (
    context: GraphContext,
    call: GraphCall,
    key: EntityKey,
  ): GraphResult => {
    readable(context, call, key);
    throw new GraphHttpError(
      404,
      'ImageNotFound',
      "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.",
    );
  };
}

export const userPhoto = photoHandler(readableUser);
export const groupPhoto = photoHandler(readableGroup);
