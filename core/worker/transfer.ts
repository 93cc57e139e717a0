/**
 * Finds the ArrayBuffers under a message so that postMessage can transfer them instead of
 * copying. Each buffer is listed once (a duplicate in a transfer list is a DataCloneError),
 * and a buffer shared by several views is transferred with all of them.
 */
export function transferablesOf(value: unknown, maxDepth = 6): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const walk = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > maxDepth) return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.buffer.byteLength > 0) found.add(v.buffer);
      return;
    }
    if (v instanceof ArrayBuffer) {
      found.add(v);
      return;
    }
    const items = Array.isArray(v) ? v : Object.values(v);
    for (const item of items) walk(item, depth + 1);
  };
  walk(value, 0);
  return [...found];
}
