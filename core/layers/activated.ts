/**
 * A linear map followed by an activation, the shape of the IR's conv2d, dense and
 * locallyConnected2d (Keras' `activation=` argument), and of a bare activation layer.
 *
 * The pre-activation z is kept apart from the output y = f(z): views show both (a feature
 * map before and after its ReLU), and a softmax output's z are the logits that the fused,
 * stable softmax cross-entropy needs (see backwardFromPreActivation). With the linear
 * activation z and y share one buffer.
 */
import { activationBackward, activationForward } from '../ops/activations';
import type { ActivationParams } from '../ops/pointwise';
import type { Activation } from '../model/ir';
import { sizeOf, type Shape } from '../tensor';
import { BaseLayer, type LayerContext } from './layer';

export abstract class ActivatedLayer extends BaseLayer {
  /** z of the last forward, [batchSize, ...outputShape]. */
  preActivation: Float32Array;
  private readonly preFull: Float32Array;
  private readonly dPreFull: Float32Array;
  /** dLoss/dz of the last backward (scratch; empty for the linear activation). */
  protected dPre: Float32Array;
  /** Softmax runs along the first per-example axis (features, or channels of [C, H, W]). */
  private readonly axis: number;
  private readonly inner: number;

  constructor(context: LayerContext, outputShape: Shape, readonly activation: Activation, readonly activationParams: ActivationParams = {}) {
    super(context, outputShape);
    const size = context.capacity * sizeOf(outputShape);
    this.preFull = activation === 'linear' ? this.output : new Float32Array(size);
    this.dPreFull = activation === 'linear' ? new Float32Array(0) : new Float32Array(size);
    this.preActivation = this.preFull;
    this.dPre = this.dPreFull;
    this.axis = outputShape[0] ?? 1;
    this.inner = sizeOf(outputShape.slice(1));
  }

  /** z = the layer's linear map of x, for the current batch. */
  protected abstract linearForward(x: Float32Array, z: Float32Array, training: boolean): void;
  /** Sets the params' grads from dz, and writes dx unless it is empty. */
  protected abstract linearBackward(x: Float32Array, dz: Float32Array, dx: Float32Array): void;

  protected override batchSizeChanged(n: number): void {
    super.batchSizeChanged(n);
    const size = n * sizeOf(this.outputShape);
    this.preActivation = this.activation === 'linear' ? this.output : this.preFull.subarray(0, size);
    if (this.dPreFull.length > 0) this.dPre = this.dPreFull.subarray(0, size);
  }

  forward(x: Float32Array, training: boolean): Float32Array {
    this.input = x;
    this.linearForward(x, this.preActivation, training);
    if (this.activation !== 'linear') {
      activationForward(this.activation, this.preActivation, this.output, this.batchSize, this.axis, this.inner, this.activationParams);
    }
    return this.output;
  }

  backward(dOutput: Float32Array): Float32Array {
    if (this.activation === 'linear') return this.backwardFromPreActivation(dOutput);
    activationBackward(this.activation, this.output, dOutput, this.dPre, this.batchSize, this.axis, this.inner, this.preActivation, this.activationParams);
    return this.backwardFromPreActivation(this.dPre);
  }

  /**
   * Backward from dLoss/dz, skipping the activation: the network calls this with the
   * gradient of the fused softmax cross-entropy, (softmax(z) − onehot) / batch.
   */
  backwardFromPreActivation(dz: Float32Array): Float32Array {
    this.linearBackward(this.input, dz, this.dInput);
    return this.dInput;
  }
}
