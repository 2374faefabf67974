import { compatWrapper } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isCamundaEntraAvailable } from '../lib/isCamundaEntraAvailable';
import { ENTRA_CONTENT_PATH } from '../routes';

/**
 * The "Microsoft Entra ID" tab of Camunda deployment entities, with every application and
 * secret rotation; the overview card links to it.
 *
 * @alpha
 */
export const camundaEntraEntityContent = EntityContentBlueprint.make({
  params: {
    path: ENTRA_CONTENT_PATH,
    title: 'Microsoft Entra ID',
    filter: isCamundaEntraAvailable,
    loader: () =>
      import('../components/EntityCamundaEntraContent').then(m =>
        compatWrapper(<m.EntityCamundaEntraContent />),
      ),
  },
});
