import { ConfigReader } from '@backstage/config';
import { readCamundaEntraBackendConfig } from './config';

describe('readCamundaEntraBackendConfig', () => {
  it('applies the documented defaults', () => {
    expect(readCamundaEntraBackendConfig(new ConfigReader({}))).toEqual({
      approval: {
        required: true,
        allowSelfApproval: false,
        approvers: [],
        autoApprove: [],
      },
      secretSink: { type: 'local', directory: undefined },
      provisioningSchedule: {
        frequency: { seconds: 30 },
        timeout: { minutes: 10 },
      },
    });
  });

  it('reads every key', () => {
    const config = readCamundaEntraBackendConfig(
      new ConfigReader({
        camundaEntra: {
          approval: {
            required: false,
            allowSelfApproval: true,
            approvers: ['group:default/platform-team'],
            autoApprove: [
              { environments: ['dev'] },
              { namespaces: ['sandbox-*'] },
            ],
          },
          secretSink: { type: 'kubernetes', kubernetes: { context: 'kind' } },
          provisioning: {
            schedule: { frequency: { minutes: 1 }, timeout: { minutes: 5 } },
          },
        },
      }),
    );

    expect(config).toEqual({
      approval: {
        required: false,
        allowSelfApproval: true,
        approvers: ['group:default/platform-team'],
        autoApprove: [
          { environments: ['dev'], namespaces: undefined },
          { environments: undefined, namespaces: ['sandbox-*'] },
        ],
      },
      secretSink: { type: 'kubernetes', context: 'kind' },
      provisioningSchedule: {
        frequency: { minutes: 1 },
        timeout: { minutes: 5 },
      },
    });
  });

  it('refuses an auto-approval rule without criteria and unknown sinks', () => {
    expect(() =>
      readCamundaEntraBackendConfig(
        new ConfigReader({ camundaEntra: { approval: { autoApprove: [{}] } } }),
      ),
    ).toThrow(/must name environments or namespaces/);
    expect(() =>
      readCamundaEntraBackendConfig(
        new ConfigReader({ camundaEntra: { secretSink: { type: 'vault' } } }),
      ),
    ).toThrow(/must be local or kubernetes, not vault/);
  });
});
