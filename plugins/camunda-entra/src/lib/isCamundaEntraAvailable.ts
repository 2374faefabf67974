import type { Entity } from '@backstage/catalog-model';
import { CAMUNDA_ENTRA_ANNOTATIONS } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * Whether an entity is a Camunda deployment the values generator registered, and so has
 * Entra applications to show. Use it with `EntitySwitch` around `EntityCamundaEntraCard` and
 * as the `if` of the `EntityLayout.Route` of `EntityCamundaEntraContent`.
 *
 * @public
 */
export function isCamundaEntraAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[CAMUNDA_ENTRA_ANNOTATIONS.deployment],
  );
}
