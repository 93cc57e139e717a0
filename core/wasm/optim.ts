/**
 * The wasm side of core/optim's Adam and SGD: copy one parameter's arrays in, update them
 * with assembly/optim.ts, copy the changed ones out. The copies are plain memcpy (about a
 * nanosecond a float); the update itself then runs four weights at a time instead of the
 * TypeScript loop's one, with its Math.fround calls (11–16 ns a weight for Adam, measured
 * for issue 12).
 */
import type { WasmKernels } from './instance';

export interface AdamScalars {
  readonly alpha: number;
  readonly oneMinusBeta1: number;
  readonly oneMinusBeta2: number;
  readonly epsilon: number;
}

export function adamStepWasm(
  k: WasmKernels, w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vHat: Float32Array | undefined, s: AdamScalars,
): void {
  const { heap } = k;
  const n = w.length;
  heap.reset();
  const pw = heap.put(w);
  const pg = heap.put(g);
  const pm = heap.put(m);
  const pv = heap.put(v);
  const pvHat = vHat ? heap.put(vHat) : 0;
  k.exports.adamStep(pw, pg, pm, pv, pvHat, n, s.alpha, s.oneMinusBeta1, s.oneMinusBeta2, s.epsilon);
  heap.read(pw, w);
  heap.read(pm, m);
  heap.read(pv, v);
  if (vHat) heap.read(pvHat, vHat);
}

export function sgdStepWasm(
  k: WasmKernels, w: Float32Array, g: Float32Array, velocity: Float32Array | undefined, lr: number, momentum: number, nesterov: boolean,
): void {
  const { heap } = k;
  heap.reset();
  const pw = heap.put(w);
  const pg = heap.put(g);
  const pv = velocity ? heap.put(velocity) : 0;
  k.exports.sgdStep(pw, pg, pv, w.length, lr, momentum, nesterov ? 1 : 0);
  heap.read(pw, w);
  if (velocity) heap.read(pv, velocity);
}
