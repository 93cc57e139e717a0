/**
 * The `assert` and `util` polyfills read a few things off Node's `process`, which a web
 * extension host does not have. esbuild injects this object wherever the suite's bundle
 * names `process` (see esbuild.config.mjs).
 */
export const process = {
  env: {} as Record<string, string | undefined>,
  browser: true,
  version: '',
  versions: {},
  platform: 'browser',
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]): void => queueMicrotask(() => fn(...args)),
};
