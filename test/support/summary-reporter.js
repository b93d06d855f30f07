// Prints the plain closing line CI reads ("N passed, N failed"), which jest's own summary lacks.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suitesFailed = results.numFailedTestSuites > 0 && results.numFailedTests === 0 ? results.numFailedTestSuites : 0;
    process.stdout.write(`\n${results.numPassedTests} passed, ${results.numFailedTests + suitesFailed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
