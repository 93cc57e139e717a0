import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Random } from '../../../core/random';
import { decodeBase64 } from '../../../core/wasm/base64';
import { setFlagsFromString } from 'node:v8';
import { kernelBackend, useKernels, wasmKernels } from '../../../core/wasm/backend';
import { instantiateKernels } from '../../../core/wasm/instance';

describe('the wasm runtime', () => {
  test('the kernels instantiate in Node, and the default runs them', () => {
    // Node 20 without --experimental-wasm-relaxed-simd: the relaxed build fails to compile, the SIMD one runs.
    assert.deepEqual(kernelBackend(), { kind: 'wasm', variant: 'simd' });
    assert.notEqual(wasmKernels(), null);
  });

  test('where the engine has relaxed SIMD, the relaxed build is the one chosen', () => {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
    const k = instantiateKernels();
    assert.ok(typeof k !== 'string', String(k));
    assert.equal(k.variant, 'relaxed');
    const simd = instantiateKernels('simd');
    assert.ok(typeof simd !== 'string' && simd.variant === 'simd');
  });

  test("useKernels('js') forces the TypeScript loops, 'auto' returns to wasm", () => {
    useKernels('js');
    assert.equal(kernelBackend().kind, 'js');
    assert.equal(wasmKernels(), null);
    useKernels('auto');
    assert.equal(kernelBackend().kind, 'wasm');
  });

  test('the heap grows on demand and keeps what it held; its views are re-made', () => {
    const { heap } = wasmKernels()!;
    heap.reset();
    const first = heap.put(Float32Array.of(1, 2, 3));
    const before = heap.byteLength;
    const big = heap.alloc(before / 4 + 1000); // more than the whole memory: it must grow
    assert.ok(heap.byteLength > before);
    assert.equal(heap.f32.length, heap.byteLength / 4);
    const back = new Float32Array(3);
    heap.read(first, back);
    assert.deepEqual(Array.from(back), [1, 2, 3]);
    assert.equal(big % 64, 0, 'allocations start on a cache line');
  });

  test('base64 decodes as Node does, for every length mod 3', () => {
    const rng = new Random(9);
    for (const n of [0, 1, 2, 3, 4, 5, 100, 1001]) {
      const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
      assert.deepEqual(decodeBase64(Buffer.from(bytes).toString('base64')), bytes, `${n} bytes`);
    }
    assert.throws(() => decodeBase64('AB$D'), /not base64/);
  });

  test('core/wasm/kernels.generated.ts is up to date with core/wasm/assembly (node scripts/build-wasm.mjs --check)', () => {
    const r = spawnSync(process.execPath, [resolve(__dirname, '../../../scripts/build-wasm.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
