/**
 * Runs the same computation on the TypeScript loops and on the wasm kernels, for tests
 * that compare the two. Node's test runner gives every test file its own process, and the
 * tests of one file run one after another, so switching the global choice is safe here.
 */
import { useKernels, type KernelChoice } from '../../../core/wasm/backend';

export function onKernels<T>(choice: Exclude<KernelChoice, 'auto'>, run: () => T): T {
  useKernels(choice);
  try {
    return run();
  } finally {
    useKernels('auto');
  }
}

/** run() on both sides: [TypeScript result, wasm result]. */
export function onBoth<T>(run: () => T): [T, T] {
  return [onKernels('js', run), onKernels('wasm', run)];
}
