import { CAMUNDA_ENTRA_ANNOTATIONS, clientIdAnnotation } from './annotations';

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
