import { camundaEntraPlugin } from './plugin';
import alphaPlugin from './alpha';

describe('camunda-entra frontend plugin', () => {
  it('uses the same plugin id in both frontend systems', () => {
    expect(camundaEntraPlugin.getId()).toBe('camunda-entra');
    expect(alphaPlugin.id).toBe('camunda-entra');
  });
});
