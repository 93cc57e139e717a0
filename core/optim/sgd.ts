/**
 * Stochastic gradient descent with momentum and Nesterov momentum, as Keras 3 computes it
 * (keras/src/optimizers/sgd.py, update_step):
 *
 *   momentum = 0:  w ← w − lr·g
 *   momentum > 0:  v ← momentum·v − lr·g
 *                  w ← w + v                        (classical momentum)
 *                  w ← w + momentum·v − lr·g        (nesterov=True, with the new v)
 *
 * Defaults are Keras': learning_rate 0.01, momentum 0, nesterov false. Keras does this in
 * float32, one rounded operation at a time; Math.fround after each operation reproduces
 * that rounding (a double result rounded to float32 equals the float32 operation for
 * +, −, ×, ÷ and √), so ConvLab's weights follow Keras' bit for bit where the gradients agree.
 * Note the sign convention: Keras' velocity already holds −lr·g; PyTorch's buffer holds g
 * and applies lr afterwards, which differs once the learning rate changes between steps.
 */
import { wasmKernels } from '../wasm/backend';
import { sgdStepWasm } from '../wasm/optim';
import type { Optimizer } from './optimizer';
import { checkParameters, type Parameter } from './parameter';

export interface SgdOptions {
  readonly learningRate?: number;
  readonly momentum?: number;
  readonly nesterov?: boolean;
}

const f32 = Math.fround;

export class SGD implements Optimizer {
  readonly name = 'sgd';
  learningRate: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  private steps = 0;
  /** One velocity buffer per parameter; none without momentum, as Keras builds none. */
  private readonly velocities: readonly Float32Array[];

  constructor(private readonly params: readonly Parameter[], options: SgdOptions = {}) {
    checkParameters(params);
    this.learningRate = options.learningRate ?? 0.01;
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new RangeError(`momentum must be in [0, 1], got ${this.momentum}`);
    this.velocities = this.momentum !== 0 ? params.map((p) => new Float32Array(p.value.length)) : [];
  }

  get iterations(): number {
    return this.steps;
  }

  step(): void {
    const lr = f32(this.learningRate);
    const momentum = f32(this.momentum);
    // The wasm kernel where it runs (bit-identical, test/unit/optim/wasm.test.ts), else the loops.
    const kernels = wasmKernels();
    if (kernels) {
      for (let k = 0; k < this.params.length; k++) {
        sgdStepWasm(kernels, this.params[k]!.value, this.params[k]!.grad, this.velocities[k], lr, momentum, this.nesterov);
      }
      this.steps++;
      return;
    }
    // Plain loops, no closures: a step allocates nothing.
    for (let k = 0; k < this.params.length; k++) {
      const w = this.params[k]!.value;
      const g = this.params[k]!.grad;
      const v = this.velocities[k];
      if (!v) {
        for (let i = 0; i < w.length; i++) w[i] = w[i]! - f32(g[i]! * lr);
        continue;
      }
      for (let i = 0; i < w.length; i++) {
        const lrG = f32(g[i]! * lr);
        const vi = f32(f32(v[i]! * momentum) - lrG);
        v[i] = vi;
        w[i] = w[i]! + (this.nesterov ? f32(f32(vi * momentum) - lrG) : vi);
      }
    }
    this.steps++;
  }

  reset(): void {
    for (const v of this.velocities) v.fill(0);
    this.steps = 0;
  }
}
