/** Max and average pooling layers (no weights); see ../ops/pool for the padding convention. */
import type { Pool2DSpec } from '../model/ir';
import {
  avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward, pool2dGeometry, type Pool2DGeometry,
} from '../ops/pool';
import { shapeToString } from '../tensor';
import { BaseLayer, type LayerContext } from './layer';

export class Pool2DLayer extends BaseLayer {
  readonly kind: Pool2DSpec['kind'];
  private geometry: Pool2DGeometry;
  /** For max pooling: which input cell won each output cell in the last forward. */
  readonly argmax: Int32Array;

  constructor(context: LayerContext, readonly spec: Pool2DSpec) {
    const { inputShape } = context;
    if (inputShape.length !== 3) {
      throw new RangeError(`${spec.kind} needs a [channels, height, width] input, got ${shapeToString(inputShape)}`);
    }
    const g = pool2dGeometry([context.capacity, ...inputShape], spec.poolSize, spec.strides, spec.padding);
    super(context, [inputShape[0]!, g.outH, g.outW]);
    this.kind = spec.kind;
    this.geometry = g;
    this.argmax = new Int32Array(spec.kind === 'maxPool2d' ? this.output.length : 0);
  }

  protected override batchSizeChanged(n: number): void {
    super.batchSizeChanged(n);
    this.geometry = { ...this.geometry, batch: n };
  }

  forward(x: Float32Array): Float32Array {
    this.input = x;
    if (this.kind === 'maxPool2d') maxPool2dForward(this.geometry, x, this.output, this.argmax);
    else avgPool2dForward(this.geometry, x, this.output);
    return this.output;
  }

  backward(dOutput: Float32Array): Float32Array {
    if (this.dInput.length === 0) return this.dInput;
    if (this.kind === 'maxPool2d') maxPool2dBackward(this.geometry, dOutput, this.argmax, this.dInput);
    else avgPool2dBackward(this.geometry, dOutput, this.dInput);
    return this.dInput;
  }
}
