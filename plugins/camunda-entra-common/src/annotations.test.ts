import {
  CAMUNDA_ENTRA_ANNOTATIONS,
  clientIdAnnotation,
  deploymentEntityName,
} from './annotations';

describe('clientIdAnnotation', () => {
  it('derives one annotation per component under the shared prefix', () => {
    expect(clientIdAnnotation('optimize')).toBe(
      'camunda-entra.io/client-id.optimize',
    );
    expect(
      clientIdAnnotation('console').startsWith(
        CAMUNDA_ENTRA_ANNOTATIONS.clientIdPrefix,
      ),
    ).toBe(true);
  });
});

describe('deploymentEntityName', () => {
  it('prefixes the deployment name so catalog names do not collide with other services', () => {
    expect(deploymentEntityName('payments')).toBe('camunda-payments');
  });
});
