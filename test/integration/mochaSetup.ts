/**
 * Sets mocha up in the web extension host before any suite file runs (imports run in
 * order), so the suites' `suite`/`test` globals exist when they register.
 */
import mocha from 'mocha/mocha.js';

declare const CONVLAB_TEST_GREP: string;

mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 30_000, color: false });
// Set by esbuild from the environment: `CONVLAB_TEST_GREP=Sobel node test/run-all.mjs integration`.
if (CONVLAB_TEST_GREP) mocha.grep(new RegExp(CONVLAB_TEST_GREP));
export { mocha };
