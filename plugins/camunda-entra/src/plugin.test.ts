import { CamundaEntraClient } from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from './api/CamundaEntraApi';
import { camundaEntraPlugin } from './plugin';

describe('camundaEntraPlugin', () => {
  it('registers the common HTTP client as the Camunda Entra API', () => {
    const factory = [...camundaEntraPlugin.getApis()].find(
      f => f.api.id === camundaEntraApiRef.id,
    );
    const client = factory?.factory({
      discoveryApi: { getBaseUrl: jest.fn() },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(CamundaEntraClient);
  });
});
