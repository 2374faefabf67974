// Prints one closing line for CI from the Jest and Playwright JSON reports:
// "tests: N passed, N failed". A missing report counts as a failure, never as zero tests.
// Usage: summarize-tests.js --jest <label> <file> ... --playwright <label> <file> ...
const fs = require('node:fs');

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function jestCounts(report, name) {
  if (!report) return { passed: 0, failed: 1, label: `${name}: no report` };
  const failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  return {
    passed: report.numPassedTests,
    failed,
    label: `${name}: ${report.numPassedTests} passed, ${failed} failed in ${report.numTotalTestSuites} suites`,
  };
}

function playwrightCounts(report, name) {
  if (!report) return { passed: 0, failed: 1, label: `${name}: no report` };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  const errors = report.errors?.length ?? 0;
  return {
    passed: expected + flaky,
    failed: unexpected + errors,
    label: `${name}: ${expected + flaky} passed, ${unexpected + errors} failed`,
  };
}

const counters = { '--jest': jestCounts, '--playwright': playwrightCounts };
const args = process.argv.slice(2);
const parts = [];
for (let i = 0; i < args.length; i += 3) {
  const [kind, name, file] = args.slice(i, i + 3);
  if (!counters[kind] || !file) {
    throw new Error(
      `expected --jest|--playwright <label> <file>, got ${args
        .slice(i)
        .join(' ')}`,
    );
  }
  parts.push(counters[kind](read(file), name));
}
for (const part of parts) console.log(part.label);
const passed = parts.reduce((n, p) => n + p.passed, 0);
const failed = parts.reduce((n, p) => n + p.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
