// The feature folders of src/ in layers: a folder imports only from lower layers (and itself),
// so that imports go one way. README.md, "Code layout", explains the layers.
const LAYERS = [
  ['database'],
  ['catalog', 'permissions', 'notifications', 'metrics'],
  ['registrations'],
  ['status', 'verification', 'secrets'],
  ['provisioning'],
  ['rotation', 'repair', 'transfer', 'adoption', 'upgrade'],
  ['requests', 'fleet'],
  ['worker', 'scan', 'service'],
];

const zones = LAYERS.flatMap((layer, level) =>
  layer.map(folder => ({
    target: `./src/${folder}`,
    from: LAYERS.slice(level)
      .flat()
      .filter(other => other !== folder)
      .map(other => `./src/${other}`),
    message: `src/${folder} may import only from the layers below it (see README.md, "Code layout")`,
  })),
);

module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    'import/no-restricted-paths': ['error', { basePath: __dirname, zones }],
  },
});
