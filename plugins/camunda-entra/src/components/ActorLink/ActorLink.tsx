import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

const CATALOG_KINDS = ['user', 'group'];

/**
 * A requester or audit-trail actor. Users link to the catalog; the backend's own transitions
 * are recorded under service refs (e.g. `plugin:…`) that have no catalog page, so those stay
 * plain text.
 */
export const ActorLink = (props: { actorRef: string }) => {
  const { actorRef } = props;
  try {
    const ref = parseEntityRef(actorRef, { defaultKind: 'user' });
    if (CATALOG_KINDS.includes(ref.kind.toLocaleLowerCase('en-US'))) {
      return <EntityRefLink entityRef={ref} />;
    }
  } catch {
    // Not an entity ref at all: show it as recorded.
  }
  return <>{actorRef}</>;
};
