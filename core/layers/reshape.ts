/**
 * Flatten and Reshape: the same numbers under another shape, so no copy in either direction.
 * Flatten keeps NCHW order, [C, H, W] → [C·H·W] channel by channel; Keras flattens its NHWC
 * tensors pixel by pixel, so weights imported from Keras behind a Flatten need permuting.
 */
import type { FlattenSpec, ReshapeSpec } from '../model/ir';
import { shapeToString, sizeOf, type Shape } from '../tensor';
import { BaseLayer, type LayerContext } from './layer';

/** The target shape with its one −1 (if any) inferred from the input size. */
export function resolveReshape(inputShape: Shape, target: Shape): Shape {
  const size = sizeOf(inputShape);
  if (target.filter((d) => d === -1).length > 1) throw new RangeError(`reshape target ${shapeToString(target)} may hold at most one −1`);
  const known = target.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const shape = target.map((d) => (d === -1 ? size / known : d));
  if (shape.some((d) => !Number.isInteger(d) || d < 0) || shape.reduce((p, d) => p * d, 1) !== size) {
    throw new RangeError(`cannot reshape ${shapeToString(inputShape)} (${size} values) to ${shapeToString(target)}`);
  }
  return shape;
}

const NO_GRADIENT = new Float32Array(0);

export class ReshapeLayer extends BaseLayer {
  readonly kind: 'flatten' | 'reshape';

  constructor(context: LayerContext, readonly spec: FlattenSpec | ReshapeSpec) {
    const target = spec.kind === 'flatten' ? [-1] : spec.targetShape;
    super(context, resolveReshape(context.inputShape, target), false);
    this.kind = spec.kind;
  }

  forward(x: Float32Array): Float32Array {
    this.input = x;
    this.output = x;
    return x;
  }

  backward(dOutput: Float32Array): Float32Array {
    return this.inputGradient ? dOutput : NO_GRADIENT;
  }
}
