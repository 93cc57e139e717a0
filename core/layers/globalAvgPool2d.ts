/** Global average pooling: each feature map becomes its mean, [C, H, W] → [C]. */
import type { GlobalAvgPool2DSpec } from '../model/ir';
import { globalAvgPool2dBackward, globalAvgPool2dForward } from '../ops/pool';
import { shapeToString } from '../tensor';
import { BaseLayer, type LayerContext } from './layer';

export class GlobalAvgPool2DLayer extends BaseLayer {
  readonly kind = 'globalAvgPool2d';
  private readonly channels: number;
  private readonly planeSize: number;

  constructor(context: LayerContext, readonly spec: GlobalAvgPool2DSpec) {
    const { inputShape } = context;
    if (inputShape.length !== 3) {
      throw new RangeError(`globalAvgPool2d needs a [channels, height, width] input, got ${shapeToString(inputShape)}`);
    }
    super(context, spec.keepDims ? [inputShape[0]!, 1, 1] : [inputShape[0]!]);
    this.channels = inputShape[0]!;
    this.planeSize = inputShape[1]! * inputShape[2]!;
  }

  forward(x: Float32Array): Float32Array {
    this.input = x;
    globalAvgPool2dForward(this.batchSize * this.channels, this.planeSize, x, this.output);
    return this.output;
  }

  backward(dOutput: Float32Array): Float32Array {
    if (this.dInput.length > 0) globalAvgPool2dBackward(this.batchSize * this.channels, this.planeSize, dOutput, this.dInput);
    return this.dInput;
  }
}
