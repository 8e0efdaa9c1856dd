import path from 'node:path';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints, at the end of a run, each spec file's wall time (from its first test's start,
 * before its beforeAll hooks, to its last test's end, after its afterAll hooks) beside the sum
 * of its tests' own durations, which leave the hooks out: the difference is what the file's
 * server start and history cost (docs/testing.md, "Where the time goes").
 */
export default class FileTimes implements Reporter {
  private root = '';
  private readonly files = new Map<string, { begin: number; end: number; tests: number; count: number }>();
  private started = 0;

  onBegin(config: FullConfig, _suite: Suite): void {
    this.root = config.rootDir;
    this.started = Date.now();
  }

  onTestBegin(test: TestCase): void {
    const file = path.relative(this.root, test.location.file);
    const now = Date.now();
    const f = this.files.get(file) ?? { begin: now, end: now, tests: 0, count: 0 };
    f.begin = Math.min(f.begin, now);
    this.files.set(file, f);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const f = this.files.get(path.relative(this.root, test.location.file));
    if (!f) return;
    f.end = Math.max(f.end, Date.now());
    if (result.status === 'skipped') return;
    f.tests += result.duration;
    f.count += 1;
  }

  onEnd(): void {
    if (this.files.size === 0) return;
    const rows = [...this.files].sort((a, b) => b[1].end - b[1].begin - (a[1].end - a[1].begin));
    const s = (ms: number) => (ms / 1000).toFixed(1).padStart(7);
    console.log('\nspec file wall time (s), its tests\' own time, the rest (hooks: server start, history):');
    for (const [file, f] of rows) console.log(`  ${file.padEnd(28)} ${s(f.end - f.begin)} ${s(f.tests)} ${s(f.end - f.begin - f.tests)}  ${f.count} tests`);
    console.log(`  ${'run'.padEnd(28)} ${s(Date.now() - this.started)}`);
  }
}
