import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it("renders the sign-in page with the configuration's providers", async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', signIn: { providers: ['guest', 'sandbox'] } },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Entra sandbox')).toBeInTheDocument();
  });
});
