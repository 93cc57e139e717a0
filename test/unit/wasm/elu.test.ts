import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { activationBackward, activationForward } from '../../../core/ops/activations';
import { denseBackward, denseBackwardActivated, denseForward, denseForwardActivated } from '../../../core/ops/dense';
import { Random } from '../../../core/random';
import { useKernels, wasmKernels } from '../../../core/wasm/backend';
import { assertClose, randInt, randomArray } from '../support/numeric';

setFlagsFromString('--experimental-wasm-relaxed-simd');
const VARIANTS = ['wasm-simd', 'wasm-relaxed'] as const;

const f = new Float32Array(1);
const u = new Int32Array(f.buffer);
function bits(v: number): number {
  f[0] = v;
  return u[0]!;
}

/**
 * The stated tolerance of the fused ELU: its SIMD expm1 is within 1 ulp of Math.expm1
 * rounded to float32 (what the TypeScript activation stores), for every z ≤ 0 tried; ±0
 * both give 0; −∞ gives −1; NaN stays NaN; z > 0 is passed through exactly.
 */
describe('the wasm ELU (SIMD expm1) against Math.expm1', () => {
  for (const variant of VARIANTS) {
    test(`${variant}: within 1 ulp on a sweep of [−30, 0] and at the special values`, () => {
      useKernels(variant);
      const k = wasmKernels()!;
      const special = [0, -0, -1e-38, -1e-30, -1e-10, -1e-7, -1e-4, -0.3465, -0.3466, -0.35, -0.6931, -17.3, -17.4, -88, -100, -Infinity, NaN, 1e-7, 1, 3.5, Infinity];
      const n = 200_003; // not a multiple of 4: the border lanes run too
      const z = new Float32Array(n);
      for (let i = 0; i < n; i++) z[i] = -30 * (i / n) ** 2;
      z.set(special);
      k.heap.reset();
      const pz = k.heap.put(z), py = k.heap.alloc(n);
      k.exports.activate(2, pz, py, n);
      const y = new Float32Array(n);
      k.heap.read(py, y);
      let exact = 0;
      for (let i = 0; i < n; i++) {
        const ref = Math.fround(z[i]! > 0 ? z[i]! : Math.expm1(z[i]!));
        if (Number.isNaN(ref)) {
          assert.ok(Number.isNaN(y[i]!), `elu(NaN) = ${y[i]}`);
          continue;
        }
        const ulps = ref === y[i]! ? 0 : Math.abs(bits(ref) - bits(y[i]!));
        assert.ok(ulps <= 1, `elu(${z[i]}) = ${y[i]}, Math.expm1 gives ${ref}: ${ulps} ulp`);
        if (ulps === 0) exact++;
      }
      assert.ok(exact / n > 0.95, `bit-identical for ${((100 * exact) / n).toFixed(1)} % only`);
      useKernels('auto');
    });
  }
});

describe('the dense layer with ELU (and ReLU) fused into the wasm output step equals the TypeScript dense then activation', () => {
  const rng = new Random(411);
  const shapes: [number, number, number][] = [[256, 784, 512], [3, 5, 2], [7, 33, 9], [16, 600, 517]];
  for (let i = 0; i < 6; i++) shapes.push([randInt(rng, 1, 20), randInt(rng, 1, 70), randInt(rng, 1, 17)]);
  for (const [batch, inF, units] of shapes) {
    for (const activation of ['elu', 'relu'] as const) {
      test(`${activation} batch=${batch} in=${inF} units=${units}`, () => {
        const x = randomArray(rng, batch * inF), w = randomArray(rng, units * inF, -0.1, 0.1), b = randomArray(rng, units);
        const dOut = randomArray(rng, batch * units);
        // The reference: the TypeScript loops, activation apart.
        useKernels('js');
        const zRef = new Float32Array(batch * units), yRef = new Float32Array(batch * units), dzRef = new Float32Array(batch * units);
        denseForward(batch, inF, units, x, w, b, zRef);
        activationForward(activation, zRef, yRef, batch, units, 1);
        activationBackward(activation, yRef, dOut, dzRef, batch, units, 1);
        const dxRef = new Float32Array(batch * inF), dWRef = new Float32Array(units * inF), dBRef = new Float32Array(units);
        denseBackward(batch, inF, units, x, w, dzRef, dxRef, dWRef, dBRef);
        assert.equal(denseForwardActivated(batch, inF, units, activation, x, w, b, zRef, yRef), false, 'nothing fused on the TypeScript side');
        for (const variant of VARIANTS) {
          useKernels(variant);
          const z = new Float32Array(batch * units), y = new Float32Array(batch * units);
          assert.ok(denseForwardActivated(batch, inF, units, activation, x, w, b, z, y));
          assertClose(z, zRef, `${variant} z`);
          assertClose(y, yRef, `${variant} y`);
          const dx = new Float32Array(batch * inF), dW = new Float32Array(units * inF), dB = new Float32Array(units);
          // From the reference output, so that only the fused derivative and the products differ.
          assert.ok(denseBackwardActivated(batch, inF, units, activation, x, w, yRef, dOut, dx, dW, dB));
          assertClose(dx, dxRef, `${variant} dx`);
          assertClose(dW, dWRef, `${variant} dW`);
          assertClose(dB, dBRef, `${variant} dB`);
        }
        useKernels('auto');
      });
    }
  }
});
