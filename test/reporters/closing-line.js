// Prints one plain closing line, `tests: N passed, N failed[, N skipped]`, after Jest's own
// summary: the form CI reads to know how many tests ran.
export default class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failedSuites = results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests + failedSuites} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
