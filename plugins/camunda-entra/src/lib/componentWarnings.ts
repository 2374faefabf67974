import type { ComponentEntraStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { PLATFORM_LABELS } from './presentation';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * What is wrong with a component's application, one sentence each: drift from what the
 * deployment expects, and settings Camunda needs for sign-in. Derived from the status fields
 * rather than the backend's `problems`, so each maps to something the card highlights.
 */
export function componentWarnings(component: ComponentEntraStatus): string[] {
  // Every other check reads the application, so they would all repeat this one.
  if (!component.found) {
    return ['Application not found in the tenant'];
  }
  const { missing, unexpected } = component.redirectUris;
  const warnings: string[] = [];
  if (missing.length) {
    warnings.push(`${count(missing.length, 'redirect URI')} missing in Entra`);
  }
  if (unexpected.length) {
    warnings.push(
      `${count(unexpected.length, 'unexpected redirect URI')} in Entra`,
    );
  }
  // `none` means no redirect URIs at all, which the missing ones already say.
  if (
    component.actualPlatform &&
    component.actualPlatform !== 'none' &&
    component.actualPlatform !== component.expectedPlatform
  ) {
    warnings.push(
      `Registered as ${PLATFORM_LABELS[component.actualPlatform]}, expected ${
        PLATFORM_LABELS[component.expectedPlatform]
      }`,
    );
  }
  if (!component.accessTokenVersion2) {
    warnings.push('Access token version is not 2');
  }
  if (!component.preferredUsernameClaim) {
    warnings.push('preferred_username claim missing');
  }
  if (!component.servicePrincipal) {
    warnings.push('No service principal');
  }
  return warnings;
}
