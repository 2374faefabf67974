import { fixtureSpec } from '../values/__testUtils__/specs';
import { breakingChanges } from './breakingChanges';

const ids = (name: string, change?: (input: Record<string, any>) => void) =>
  breakingChanges(fixtureSpec(name, change)).map(c => c.id);

describe('breakingChanges', () => {
  it('lists only the changes that concern the deployment', () => {
    expect(ids('minimal-8.9')).toEqual([
      'bundled-elasticsearch-removed',
      'oidc-keys-deprecated',
      'helm-4',
    ]);
    expect(ids('optimize-disabled-8.8')).toEqual([
      'flat-secret-keys',
      'secondary-storage-required',
      'userinfo-disabled',
      'web-modeler-webapp-merged',
    ]);
  });

  it('leaves out the storage change for a deployment that names its own', () => {
    expect(
      ids('optimize-disabled-8.8', input => {
        input.secondaryStorage = {
          type: 'externalOpensearch',
          url: 'https://search.example.com:9200',
        };
      }),
    ).not.toContain('secondary-storage-required');
  });

  it('has nothing after the newest line', () => {
    expect(ids('full-8.10')).toEqual([]);
  });
});
