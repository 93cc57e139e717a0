/**
 * Sets mocha up in the web extension host before any suite file runs (imports run in
 * order), so the suites' `suite`/`test` globals exist when they register.
 */
import mocha from 'mocha/mocha.js';

mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 30_000, color: false });
export { mocha };
