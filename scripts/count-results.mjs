/**
 * The "N passed, N failed" of a vitest JSON report (vitest 4's `--reporter=json`). A failed test
 * counts once; a test file counts as one failure only when it failed without a failed test of
 * its own (it did not load, or a hook outside the tests threw). vitest's numFailedTestSuites is
 * not used: it counts every failed describe block and file, so one failing test counted 2–3.
 */
export function countResults(results) {
  const files = results.testResults ?? [];
  const brokenFiles = files.filter(
    (file) =>
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: results.numPassedTests ?? 0,
    failed: (results.numFailedTests ?? 0) + brokenFiles,
  };
}
