import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ConfiguredSignInPage } from './SignInPage';

function renderSignInPage(providers?: string[]) {
  const config = mockApis.config({
    data: {
      app: { title: 'Test', ...(providers && { signIn: { providers } }) },
    },
  });
  return renderInTestApp(
    <TestApiProvider apis={[[configApiRef, config]]}>
      <ConfiguredSignInPage onSignInSuccess={jest.fn()} />
    </TestApiProvider>,
  );
}

describe('ConfiguredSignInPage', () => {
  it('offers only Microsoft Entra ID when production names it', async () => {
    await renderSignInPage(['microsoft']);

    expect(screen.getByText('Microsoft Entra ID')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign In' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Entra sandbox')).not.toBeInTheDocument();
  });

  it('offers the guest when nothing is configured', async () => {
    await renderSignInPage();

    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(screen.queryByText('Entra sandbox')).not.toBeInTheDocument();
  });

  it('names an unknown provider', async () => {
    await renderSignInPage(['github']);

    expect(
      (
        await screen.findAllByText(
          "app.signIn.providers: unknown provider 'github', expected one of guest, sandbox, microsoft",
        )
      )[0],
    ).toBeInTheDocument();
  });
});
