import { CamundaEntraApi } from '@camunda-entra/plugin-camunda-entra-common';
import { expectBackendClient } from './__testUtils__/expectBackendClient';
import { camundaEntraApiRef } from './api/CamundaEntraApi';
import { camundaEntraPlugin } from './plugin';

describe('camundaEntraPlugin', () => {
  it('registers the common HTTP client as the Camunda Entra API', async () => {
    const factory = [...camundaEntraPlugin.getApis()].find(
      f => f.api.id === camundaEntraApiRef.id,
    );
    await expectBackendClient(
      deps => factory!.factory(deps) as CamundaEntraApi,
    );
  });
});
