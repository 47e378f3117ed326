// A @web/test-runner reporter that writes how many browser tests passed, failed and were
// skipped to a JSON file, so scripts/test.ts can print one closing summary for every suite.
import { writeFileSync } from 'node:fs'

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++
    else if (test.passed) totals.passed++
    else totals.failed++
  }
  for (const child of suite?.suites ?? []) count(child, totals)
}

export function countReporter(outputFile) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, erroredFiles: 0 }
      for (const session of sessions) {
        count(session.testResults, totals)
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.erroredFiles++
      }
      writeFileSync(outputFile, JSON.stringify(totals))
    },
  }
}
