/**
 * PReLU: y = x for x > 0, else a·x, with the slope a learned, one per element, per channel
 * or one in all (PReLUSpec.sharedAxes). Its gradient: dx = dy·(x > 0 ? 1 : a), and
 * da = Σ dy·x over the elements that share a and were not positive.
 */
import type { PReLUSpec } from '../model/ir';
import { sizeOf, type Shape } from '../tensor';
import { BaseLayer, type LayerContext, type Param } from './layer';

export class PReLULayer extends BaseLayer {
  readonly kind = 'prelu';
  readonly alpha: Param;
  /** Which slope each element of one example uses. */
  private readonly slopeIndex: Int32Array;
  private readonly exampleSize: number;

  constructor(context: LayerContext, readonly spec: PReLUSpec) {
    super(context, context.inputShape);
    const shape = context.inputShape;
    const slopeShape: Shape = spec.sharedAxes === 'all' ? [1] : shape.map((n, axis) => ((spec.sharedAxes as readonly number[]).includes(axis) ? 1 : n));
    this.exampleSize = sizeOf(shape);
    // Element e's coordinates, with the shared axes dropped to 0, give its slope.
    this.slopeIndex = new Int32Array(this.exampleSize);
    if (spec.sharedAxes !== 'all') {
      for (let e = 0; e < this.exampleSize; e++) {
        let rest = e;
        let index = 0;
        let stride = 1;
        for (let axis = shape.length - 1; axis >= 0; axis--) {
          const coord = rest % shape[axis]!;
          rest = Math.floor(rest / shape[axis]!);
          if (slopeShape[axis] !== 1) index += coord * stride;
          stride *= slopeShape[axis]!;
        }
        this.slopeIndex[e] = index;
      }
    }
    this.alpha = this.addParam('alpha', slopeShape);
    // PyTorch starts every slope at 0.25; Keras at 0. A learner's code written for either
    // trains from 0.25, where the slope's gradient is not stuck at the plain ReLU.
    this.alpha.value.fill(0.25);
  }

  forward(x: Float32Array): Float32Array {
    this.input = x;
    const a = this.alpha.value;
    const E = this.exampleSize;
    for (let i = 0; i < this.batchSize * E; i++) {
      const v = x[i]!;
      this.output[i] = v > 0 ? v : a[this.slopeIndex[i % E]!]! * v;
    }
    return this.output;
  }

  backward(dOutput: Float32Array): Float32Array {
    const a = this.alpha.value;
    const da = this.alpha.grad;
    const x = this.input;
    const E = this.exampleSize;
    const dx = this.dInput;
    da.fill(0);
    for (let i = 0; i < this.batchSize * E; i++) {
      const j = this.slopeIndex[i % E]!;
      const v = x[i]!;
      if (v > 0) {
        if (dx.length > 0) dx[i] = dOutput[i]!;
      } else {
        da[j]! += dOutput[i]! * v;
        if (dx.length > 0) dx[i] = dOutput[i]! * a[j]!;
      }
    }
    return dx;
  }
}
