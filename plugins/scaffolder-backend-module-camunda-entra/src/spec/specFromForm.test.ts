import { DeploymentForm, specFromForm } from './specFromForm';

const form = (overrides: Partial<DeploymentForm> = {}): DeploymentForm => ({
  name: 'payments',
  namespace: 'payments-camunda',
  chart: '8.9',
  components: {
    orchestration: true,
    connectors: true,
    identity: true,
    optimize: true,
    webModeler: true,
    console: true,
  },
  admins: ['alice@example.com'],
  webModelerFromAddress: 'noreply@example.com',
  ...overrides,
});

describe('specFromForm', () => {
  it('keeps the guide local URLs when neither base domain nor URLs are given', () => {
    expect(
      specFromForm(
        form({ owner: 'group:default/payments', secretLifetimeDays: 90 }),
      ),
    ).toEqual({
      name: 'payments',
      namespace: 'payments-camunda',
      chart: '8.9',
      components: {
        orchestration: {},
        connectors: {},
        identity: {},
        optimize: {},
        webModeler: {},
        console: {},
      },
      admins: ['alice@example.com'],
      owner: 'group:default/payments',
      secretLifetimeDays: 90,
      webModeler: { fromAddress: 'noreply@example.com' },
    });
  });

  it('derives URLs from the base domain and lets explicit URLs win', () => {
    const spec = specFromForm(
      form({
        baseDomain: '.example.com.',
        urls: { optimize: ' https://reports.example.com ' },
      }),
    );

    expect(spec.components).toEqual({
      orchestration: { url: 'https://payments-orchestration.example.com' },
      connectors: {},
      identity: { url: 'https://payments-identity.example.com' },
      optimize: { url: 'https://reports.example.com' },
      webModeler: { url: 'https://payments-modeler.example.com' },
      console: { url: 'https://payments-console.example.com' },
    });
  });

  it('drops components whose prerequisite is unchecked, and the Web Modeler sender with it', () => {
    const spec = specFromForm(
      form({
        components: {
          orchestration: false,
          connectors: true,
          identity: false,
          optimize: true,
          webModeler: true,
          console: false,
        },
      }),
    );

    expect(spec.components).toEqual({});
    expect(spec).not.toHaveProperty('webModeler');
  });
});
