import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  configApiRef,
  microsoftAuthApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { InputError } from '@backstage/errors';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';
import { sandboxAuthApiRef } from './sandboxAuthApi';

const PROVIDERS: Record<string, 'guest' | SignInProviderConfig> = {
  guest: 'guest',
  sandbox: {
    id: 'sandbox',
    title: 'Entra sandbox',
    message: "Sign in as a person of the sandbox's example organisation",
    apiRef: sandboxAuthApiRef,
  },
  microsoft: {
    id: 'microsoft',
    title: 'Microsoft Entra ID',
    message: 'Sign in with your work account',
    apiRef: microsoftAuthApiRef,
  },
};

export function ConfiguredSignInPage(props: SignInPageProps) {
  const names = useApi(configApiRef).getOptionalStringArray(
    'app.signIn.providers',
  ) ?? ['guest'];
  const providers = names.map(name => {
    const provider = PROVIDERS[name];
    if (!provider) {
      throw new InputError(
        `app.signIn.providers: unknown provider '${name}', expected one of ${Object.keys(
          PROVIDERS,
        ).join(', ')}`,
      );
    }
    return provider;
  });
  return <SignInPage {...props} providers={providers} />;
}

/** The sign-in page offers the providers that `app.signIn.providers` names, in that order. */
export const signInPage = SignInPageBlueprint.make({
  params: { loader: async () => ConfiguredSignInPage },
});
