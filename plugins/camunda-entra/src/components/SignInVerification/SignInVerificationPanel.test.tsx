import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { SignInVerification } from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { mockCamundaEntraApi } from '../../__testUtils__/requests';
import { responseError } from '../../__testUtils__/responseError';
import { SignInVerificationPanel } from './SignInVerificationPanel';

const ENTITY_REF = 'component:default/camunda-payments';

const failed: SignInVerification = {
  verifiedAt: '2026-03-01T10:00:00.000Z',
  passed: false,
  checks: 14,
  problems: [
    {
      client: 'optimize',
      check: 'redirectUris',
      message:
        'redirect URI https://payments.example.com/optimize/api/authentication/callback is not registered',
    },
    {
      client: 'machine.ci',
      check: 'secret',
      message: 'its delivered secret obtains no token',
      entraError: 'AADSTS7000215',
    },
  ],
};

async function renderPanel(
  api: ReturnType<typeof mockCamundaEntraApi>,
  verification?: SignInVerification,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[camundaEntraApiRef, api]]}>
      <SignInVerificationPanel
        entityRef={ENTITY_REF}
        verification={verification}
      />
    </TestApiProvider>,
  );
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Sign-in problems' }))
    .getAllByRole('row')
    .map(row => Array.from(row.children, cell => cell.textContent));

describe('SignInVerificationPanel', () => {
  it('shows each problem of the last verification: component, check, message, Entra code', async () => {
    await renderPanel(mockCamundaEntraApi(), failed);

    const panel = screen.getByRole('region', { name: 'Sign-in verification' });
    expect(panel).toHaveTextContent('2 problems');
    expect(panel).toHaveTextContent('14 checks');
    expect(rows()).toEqual([
      ['Component', 'Check', 'Problem', 'Entra code'],
      [
        'Optimize',
        'Redirect URIs',
        'redirect URI https://payments.example.com/optimize/api/authentication/callback is not registered',
        '—',
      ],
      [
        'Machine client ci',
        'Client secret',
        'its delivered secret obtains no token',
        'AADSTS7000215',
      ],
    ]);
  });

  it('verifies again on demand, disabled while it runs, and shows the new result', async () => {
    const api = mockCamundaEntraApi();
    let answer!: (verification: SignInVerification) => void;
    api.verifySignIn.mockReturnValue(
      new Promise(resolve => {
        answer = resolve;
      }),
    );
    await renderPanel(api, failed);

    await userEvent.click(
      screen.getByRole('button', { name: 'Verify sign-in' }),
    );

    expect(api.verifySignIn).toHaveBeenCalledWith(ENTITY_REF);
    expect(screen.getByRole('button', { name: 'Verifying…' })).toBeDisabled();
    answer({
      verifiedAt: '2026-03-02T10:00:00.000Z',
      passed: true,
      checks: 14,
      problems: [],
    });
    expect(
      await screen.findByRole('button', { name: 'Verify sign-in' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('region', { name: 'Sign-in verification' }),
    ).toHaveTextContent('Passed');
    expect(
      screen.queryByRole('table', { name: 'Sign-in problems' }),
    ).toBeNull();
  });

  it('says why a verification could not run and keeps the last result', async () => {
    const api = mockCamundaEntraApi();
    api.verifySignIn.mockRejectedValue(
      await responseError(
        409,
        'Conflict',
        'A sign-in verification of the deployment payments is already running; its result shows when it ends',
      ),
    );
    await renderPanel(api, failed);

    await userEvent.click(
      screen.getByRole('button', { name: 'Verify sign-in' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not verify the sign-in: ',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('already running');
    expect(rows()).toHaveLength(3);
  });

  it('offers the first verification of a deployment never verified', async () => {
    const api = mockCamundaEntraApi();
    api.verifySignIn.mockResolvedValue(failed);
    await renderPanel(api);
    expect(
      screen.getByRole('region', { name: 'Sign-in verification' }),
    ).toHaveTextContent('Not verified yet');

    await userEvent.click(
      screen.getByRole('button', { name: 'Verify sign-in' }),
    );

    expect(
      await screen.findByRole('table', { name: 'Sign-in problems' }),
    ).toBeVisible();
  });
});
