/**
 * The few host globals core/ relies on, which every runtime it targets provides
 * (Node, worker_threads, Web Workers, browsers). Declared here, not taken from the DOM or
 * Node typings, so that anything else from those worlds fails to type-check in core/.
 */
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
declare function structuredClone<T>(value: T): T;
