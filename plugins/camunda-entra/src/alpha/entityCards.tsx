import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isCamundaEntraAvailable } from '../lib/isCamundaEntraAvailable';

/**
 * The Entra summary card on the overview of Camunda deployment entities (those with the
 * deployment annotation).
 *
 * @alpha
 */
export const camundaEntraEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isCamundaEntraAvailable,
    loader: () =>
      import('../components/EntityCamundaEntraCard').then(m =>
        compatWrapper(<m.EntityCamundaEntraCard />),
      ),
  },
});
