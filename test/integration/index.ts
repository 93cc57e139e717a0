/**
 * The integration suite's entry: VS Code (web build, or desktop through test-cli) calls
 * run() inside the extension host. It ends with the line `N passed, N failed` that CI and
 * test/run-all.mjs read.
 */
import { mocha } from './mochaSetup';
import './suites';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      const skipped = stats.pending ? `, ${stats.pending} skipped` : '';
      console.log(`integration: ${stats.passes} passed, ${stats.failures} failed${skipped}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
