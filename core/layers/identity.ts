/**
 * Layers that pass their input on unchanged when ConvLab runs them: nn.Identity, and Keras'
 * preprocessing and augmentation layers (Rescaling, RandomFlip, …). ConvLab's images are
 * already scaled to [0, 1] and not augmented, so running these as the identity trains on
 * what the model would see at test time (core/layers/support.ts' runtimeNotes says so).
 */
import type { IdentitySpec } from '../model/ir';
import { BaseLayer, type LayerContext } from './layer';

export class IdentityLayer extends BaseLayer {
  readonly kind = 'identity';

  constructor(context: LayerContext, readonly spec: IdentitySpec) {
    super(context, context.inputShape, false);
    if (spec.statefulNormalization) throw new RangeError("Keras' Normalization layer (adapted mean and variance) cannot be trained in ConvLab yet");
  }

  forward(x: Float32Array): Float32Array {
    this.input = x;
    this.output = x;
    return x;
  }

  backward(dOutput: Float32Array): Float32Array {
    return this.inputGradient ? dOutput : this.dInput;
  }
}
