import { createComponentStatus } from '../__testUtils__/entityStatus';
import { componentWarnings } from './componentWarnings';

describe('componentWarnings', () => {
  it('has nothing to say about a healthy application', () => {
    expect(componentWarnings(createComponentStatus())).toEqual([]);
  });

  it('counts drifted redirect URIs', () => {
    const component = createComponentStatus({
      redirectUris: {
        expected: ['https://a.example.com/cb', 'https://b.example.com/cb'],
        actual: ['https://c.example.com/cb', 'https://d.example.com/cb'],
        missing: ['https://a.example.com/cb', 'https://b.example.com/cb'],
        unexpected: ['https://c.example.com/cb', 'https://d.example.com/cb'],
      },
    });
    expect(componentWarnings(component)).toEqual([
      '2 redirect URIs missing in Entra',
      '2 unexpected redirect URIs in Entra',
    ]);
  });

  it('flags a platform changed by hand, but not one without redirect URIs', () => {
    expect(
      componentWarnings(createComponentStatus({ actualPlatform: 'spa' })),
    ).toEqual(['Registered as SPA, expected Web']);
    expect(
      componentWarnings(createComponentStatus({ actualPlatform: 'none' })),
    ).toEqual([]);
  });

  it('reports only the missing application when there is none to inspect', () => {
    expect(
      componentWarnings(
        createComponentStatus({
          found: false,
          accessTokenVersion2: false,
          servicePrincipal: false,
        }),
      ),
    ).toEqual(['Application not found in the tenant']);
  });
});
