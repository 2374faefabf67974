// The packed-packages test: a project of its own, since it builds, packs and installs with npm
// (minutes, not the seconds of a unit test). scripts/test.sh runs it after the unit tests.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.test.ts'],
  transform: {
    '\\.ts$': [
      require.resolve('@backstage/cli/config/jestSwcTransform.js'),
      { jsc: { parser: { syntax: 'typescript' } } },
    ],
  },
};
