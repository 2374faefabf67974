export { breakingChanges } from './breakingChanges';
export { planUpgrade } from './planUpgrade';
export { nextChartLine, upgradeTargetSpec } from './targetSpec';
export type * from './types';
export { unifiedDiff } from './unifiedDiff';
