/**
 * gzip decompression with the runtime's own `DecompressionStream` (Compression Streams
 * standard): a global in browsers, Web Workers and Node ≥ 18, so core/ needs no inflate code
 * of its own and no Node built-in. It is looked up on globalThis, not declared globally,
 * because the DOM typings that the rest of the project compiles with declare it too.
 */

interface ByteStreamPair {
  readonly writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: {
    getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> };
  };
}
type DecompressionStreamConstructor = new (format: 'gzip' | 'deflate' | 'deflate-raw') => ByteStreamPair;

/** True when the bytes start with gzip's magic number (RFC 1952: 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflates a gzip member into one Uint8Array. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const Decompression = (globalThis as { DecompressionStream?: DecompressionStreamConstructor }).DecompressionStream;
  if (Decompression === undefined) {
    throw new Error('DecompressionStream is not available in this runtime (needs a browser, a Web Worker or Node ≥ 18)');
  }
  const stream = new Decompression('gzip');
  const writer = stream.writable.getWriter();
  // Write and read concurrently: awaiting the write first would deadlock once the
  // readable side's queue is full, since nobody drains it.
  const written = writer.write(bytes).then(() => writer.close());
  written.catch(() => undefined); // a corrupt stream rejects here too; the read below reports it
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value) {
      chunks.push(value);
      total += value.length;
    }
  }
  await written;
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
