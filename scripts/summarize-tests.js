// Prints one closing line for CI from the Jest and Playwright JSON reports:
// "tests: N passed, N failed". A missing report counts as a failure, never as zero tests.
const fs = require('node:fs');

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function jestCounts(report) {
  if (!report) return { passed: 0, failed: 1, label: 'unit: no report' };
  const failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  return {
    passed: report.numPassedTests,
    failed,
    label: `unit: ${report.numPassedTests} passed, ${failed} failed in ${report.numTotalTestSuites} suites`,
  };
}

function playwrightCounts(report) {
  if (!report) return { passed: 0, failed: 1, label: 'e2e: no report' };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  const errors = report.errors?.length ?? 0;
  return {
    passed: expected + flaky,
    failed: unexpected + errors,
    label: `e2e: ${expected + flaky} passed, ${unexpected + errors} failed`,
  };
}

const [unitFile, e2eFile] = process.argv.slice(2);
const parts = [jestCounts(read(unitFile)), playwrightCounts(read(e2eFile))];
for (const part of parts) console.log(part.label);
const passed = parts.reduce((n, p) => n + p.passed, 0);
const failed = parts.reduce((n, p) => n + p.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
