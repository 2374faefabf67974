import { z } from 'zod';
import {
  deploymentSpecSchema,
  secretStoreSchema,
} from './deploymentSpecSchema';
import type {
  DeploymentSpec,
  DeploymentSpecInput,
  SecretStoreSpec,
} from './types';

// True only when A and B are the same type, not merely assignable to each other.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B
  ? 1
  : 2
  ? true
  : false;

// The hand-written types are what the package documents; these fail to compile (and so
// `yarn tsc`) as soon as the schema and they drift apart.
const specMatches: Equal<
  z.output<typeof deploymentSpecSchema>,
  DeploymentSpec
> = true;
const inputMatches: Equal<
  z.input<typeof deploymentSpecSchema>,
  DeploymentSpecInput
> = true;
const storeMatches: Equal<
  z.output<typeof secretStoreSchema>,
  SecretStoreSpec
> = true;

describe('the deployment spec schema', () => {
  it('parses to the documented types', () => {
    expect([specMatches, inputMatches, storeMatches]).toEqual([
      true,
      true,
      true,
    ]);
  });
});
