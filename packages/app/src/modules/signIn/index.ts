import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { sandboxAuthApi } from './sandboxAuthApi';
import { signInPage } from './SignInPage';

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, sandboxAuthApi],
});
