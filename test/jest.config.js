// Workspace-level tests, a project of their own: the packed packages (built, packed and installed
// with npm: minutes, not the seconds of a unit test), the set-up scripts and the sign-in
// conformance of rendered deployments (test/conformance, Helm and the real charts). scripts/test.sh
// runs them after the unit tests.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{packed,toolchain,conformance}/*.test.ts'],
  transform: {
    '\\.ts$': [
      require.resolve('@backstage/cli/config/jestSwcTransform.js'),
      { jsc: { parser: { syntax: 'typescript' } } },
    ],
  },
};
