/**
 * Adam (Kingma & Ba 2015) exactly as Keras 3 computes it (keras/src/optimizers/adam.py,
 * update_step), with Keras' defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999,
 * epsilon 1e-7. At step t = iterations + 1:
 *
 *   α ← lr·√(1 − β2^t) / (1 − β1^t)
 *   m ← m + (g − m)·(1 − β1)
 *   v ← v + (g² − v)·(1 − β2)
 *   (amsgrad: v̂ ← max(v̂, v), and v̂ replaces v below)
 *   w ← w − m·α / (√v + ε)
 *
 * The bias corrections are folded into α, so ε is added to the uncorrected √v: Keras'
 * "epsilon hat" from the formula before Section 2.1 of the paper, not Algorithm 1's ε.
 * (PyTorch adds ε to √v̂ / √(1 − β2^t), a slightly different update when ε matters.)
 * As in sgd.ts, every operation is rounded to float32 as Keras' float32 tensors are.
 */
import { wasmKernels } from '../wasm/backend';
import { adamStepWasm } from '../wasm/optim';
import type { Optimizer } from './optimizer';
import { checkParameters, type Parameter } from './parameter';

export interface AdamOptions {
  readonly learningRate?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly amsgrad?: boolean;
}

const f32 = Math.fround;

export class Adam implements Optimizer {
  readonly name = 'adam';
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  private steps = 0;
  private readonly m: readonly Float32Array[];
  private readonly v: readonly Float32Array[];
  private readonly vHat: readonly Float32Array[];

  constructor(private readonly params: readonly Parameter[], options: AdamOptions = {}) {
    checkParameters(params);
    this.learningRate = options.learningRate ?? 0.001;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.amsgrad = options.amsgrad ?? false;
    for (const [name, b] of [['beta1', this.beta1], ['beta2', this.beta2]] as const) {
      if (!(b >= 0 && b < 1)) throw new RangeError(`${name} must be in [0, 1), got ${b}`);
    }
    const buffers = (): Float32Array[] => params.map((p) => new Float32Array(p.value.length));
    this.m = buffers();
    this.v = buffers();
    this.vHat = this.amsgrad ? buffers() : [];
  }

  get iterations(): number {
    return this.steps;
  }

  step(): void {
    const t = this.steps + 1;
    const lr = f32(this.learningRate);
    const beta1Power = f32(f32(this.beta1) ** t);
    const beta2Power = f32(f32(this.beta2) ** t);
    const alpha = f32(f32(lr * f32(Math.sqrt(f32(1 - beta2Power)))) / f32(1 - beta1Power));
    // Keras writes 1 − beta_1 in Python (double), then multiplies a float32 tensor by it.
    const oneMinusBeta1 = f32(1 - this.beta1);
    const oneMinusBeta2 = f32(1 - this.beta2);
    const epsilon = f32(this.epsilon);
    // The wasm kernel where it runs (bit-identical, test/unit/optim/wasm.test.ts), else the loops.
    const kernels = wasmKernels();
    if (kernels) {
      const scalars = { alpha, oneMinusBeta1, oneMinusBeta2, epsilon };
      for (let k = 0; k < this.params.length; k++) {
        adamStepWasm(kernels, this.params[k]!.value, this.params[k]!.grad, this.m[k]!, this.v[k]!, this.vHat[k], scalars);
      }
      this.steps++;
      return;
    }
    // Plain loops, no closures: a step allocates nothing.
    for (let k = 0; k < this.params.length; k++) {
      const w = this.params[k]!.value;
      const g = this.params[k]!.grad;
      const m = this.m[k]!;
      const v = this.v[k]!;
      const vHat = this.vHat[k];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        m[i] = m[i]! + f32(f32(gi - m[i]!) * oneMinusBeta1);
        v[i] = v[i]! + f32(f32(f32(gi * gi) - v[i]!) * oneMinusBeta2);
        let second = v[i]!;
        if (vHat) {
          vHat[i] = Math.max(vHat[i]!, second);
          second = vHat[i]!;
        }
        w[i] = w[i]! - f32(f32(m[i]! * alpha) / f32(f32(Math.sqrt(second)) + epsilon));
      }
    }
    this.steps++;
  }

  reset(): void {
    for (const b of [...this.m, ...this.v, ...this.vHat]) b.fill(0);
    this.steps = 0;
  }
}
