import { fixtureSpec } from '../values/__testUtils__/specs';
import { applicationChanges, upgradeSteps } from './entraChanges';

// Chart lines change no redirect URI of an application they share today; a target whose
// Optimize moved stands for a line that does.
const current = fixtureSpec('guide-full-8.9');
const target = fixtureSpec('guide-full-8.9', input => {
  input.components.optimize.url = 'https://reports.example.com';
  input.claims = { username: 'upn' };
});

describe('applicationChanges', () => {
  it('lists what registration writes differently for a shared application', () => {
    const optimize = applicationChanges(current, target).find(
      change => change.client === 'optimize',
    );
    expect(optimize).toMatchObject({
      change: 'changed',
      differences: [
        'redirect URI https://reports.example.com/api/authentication/callback added',
        'redirect URI https://optimize.example.com/api/authentication/callback removed',
        'optional claim upn added',
      ],
    });
  });
});

describe('upgradeSteps', () => {
  it('keeps the current redirect URIs beside the new ones until finish', () => {
    const steps = upgradeSteps(current, target);
    const applied = steps.apply.find(plan => plan.client === 'optimize');
    expect(applied?.redirectUris).toEqual([
      'https://reports.example.com/api/authentication/callback',
      'https://optimize.example.com/api/authentication/callback',
    ]);
    expect(steps.finish.map(plan => [plan.client, plan.redirectUris])).toEqual([
      ['optimize', ['https://reports.example.com/api/authentication/callback']],
    ]);
    expect(steps.remove).toEqual([]);
  });
});
