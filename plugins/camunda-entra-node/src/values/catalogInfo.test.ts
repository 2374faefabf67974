import { parse } from 'yaml';
import { fixtureSpec } from './__testUtils__/specs';
import { generateValuesRepository } from './generateValuesRepository';

function generated(
  path: string,
  ...args: Parameters<typeof generateValuesRepository>
) {
  return generateValuesRepository(...args).files.find(
    file => file.path === path,
  );
}

describe('catalog-info.yaml', () => {
  it('carries the annotations the catalog card reads', () => {
    const entity = parse(
      generated('catalog-info.yaml', fixtureSpec('minimal-8.9'))!.content,
    );
    expect(entity.kind).toBe('Component');
    expect(entity.metadata.name).toBe('camunda-sandbox');
    expect(entity.metadata.annotations).toEqual({
      'camunda-entra.io/deployment': 'sandbox',
      'camunda-entra.io/tenant-id': '6f1c2f43-1111-4222-8333-444455556666',
      'camunda-entra.io/cloud': 'global',
      'camunda-entra.io/chart': '8.9',
      'camunda-entra.io/client-id.orchestration':
        '0a1b2c3d-0000-4000-8000-000000000001',
      'backstage.io/kubernetes-namespace': 'camunda',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/instance=camunda',
    });
  });

  it('takes the owner from the options, then the spec, else unknown', () => {
    const spec = fixtureSpec('guide-full-8.8');
    const ownerOf = (...args: Parameters<typeof generateValuesRepository>) =>
      parse(generated('catalog-info.yaml', ...args)!.content).spec.owner;
    expect(ownerOf(spec, { owner: 'group:default/other' })).toBe(
      'group:default/other',
    );
    expect(ownerOf(spec)).toBe('group:default/payments-team');
    expect(ownerOf({ ...spec, owner: undefined })).toBe('unknown');
  });
});

describe('argocd/application.yaml', () => {
  it('is generated only when the spec or the options ask for it', () => {
    const spec = fixtureSpec('minimal-8.9');
    expect(generated('argocd/application.yaml', spec)).toBeUndefined();
    const application = parse(
      generated('argocd/application.yaml', spec, {
        argocd: {
          repoURL: 'https://git.example.com/camunda.git',
          path: '.',
          targetRevision: 'main',
          project: 'default',
          server: 'https://kubernetes.default.svc',
        },
      })!.content,
    );
    expect(application.spec.sources).toEqual([
      {
        repoURL: 'https://helm.camunda.io',
        chart: 'camunda-platform',
        targetRevision: '14.8.4',
        helm: { releaseName: 'camunda', valueFiles: ['$values/values.yaml'] },
      },
      {
        repoURL: 'https://git.example.com/camunda.git',
        targetRevision: 'main',
        ref: 'values',
      },
    ]);
    expect(application.spec.destination.namespace).toBe('camunda');
  });
});
