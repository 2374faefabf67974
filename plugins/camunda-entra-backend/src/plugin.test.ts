import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { camundaEntraPlugin } from './plugin';

describe('camundaEntraPlugin', () => {
  async function startAnonymous() {
    const { server } = await startTestBackend({
      features: [
        camundaEntraPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    return server;
  }

  it('serves its health endpoint without authentication', async () => {
    const server = await startAnonymous();

    const response = await request(server).get('/api/camunda-entra/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('rejects unauthenticated calls to anything else', async () => {
    const server = await startAnonymous();

    const response = await request(server).get('/api/camunda-entra/requests');

    expect(response.status).toBe(401);
  });
});
