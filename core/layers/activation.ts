/**
 * A bare activation layer (Keras' Activation, PyTorch's nn.ReLU and friends): the identity
 * as its linear part, so its pre-activation is its input and softmax outputs still expose
 * their logits to the fused cross-entropy.
 */
import type { ActivationSpec } from '../model/ir';
import { ActivatedLayer } from './activated';
import type { LayerContext } from './layer';

export class ActivationLayer extends ActivatedLayer {
  readonly kind = 'activation';

  constructor(context: LayerContext, readonly spec: ActivationSpec) {
    super(context, context.inputShape, spec.activation, { alpha: spec.alpha, approximate: spec.approximate });
  }

  protected linearForward(x: Float32Array, z: Float32Array): void {
    z.set(x);
  }

  protected linearBackward(_x: Float32Array, dz: Float32Array, dx: Float32Array): void {
    if (dx.length > 0) dx.set(dz);
  }
}
