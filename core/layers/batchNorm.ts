/**
 * The batch normalisation layer, per channel of [C, H, W] or per feature of [F]: γ and β are
 * learned, the moving mean and variance are state (non-trainable params, saved with the
 * weights). Training forwards use and update batch statistics; inference uses the moving ones.
 */
import type { BatchNormSpec } from '../model/ir';
import {
  batchNormBackward, batchNormCache, batchNormForward, type BatchNormCache, type BatchNormGeometry, type BatchNormParams,
} from '../ops/batchNorm';
import { sizeOf } from '../tensor';
import { BaseLayer, type LayerContext, type Param } from './layer';

export class BatchNormLayer extends BaseLayer {
  readonly kind = 'batchNorm';
  /** Null with Keras' scale=False / center=False (PyTorch's affine=False): γ stays 1, β 0. */
  readonly gamma: Param | null;
  readonly beta: Param | null;
  private readonly gammaValue: Float32Array;
  private readonly gammaGrad: Float32Array;
  private readonly betaGrad: Float32Array;
  readonly movingMean: Param;
  readonly movingVariance: Param;
  private geometry: BatchNormGeometry;
  private readonly state: BatchNormParams;
  private readonly cache: BatchNormCache;
  private lastForwardTrained = false;

  constructor(context: LayerContext, readonly spec: BatchNormSpec) {
    super(context, context.inputShape);
    const channels = context.inputShape[0] ?? 1;
    this.geometry = { batch: context.capacity, channels, inner: sizeOf(context.inputShape.slice(1)) };
    this.gamma = spec.scale === false ? null : this.addParam('gamma', [channels]);
    this.beta = spec.center === false ? null : this.addParam('beta', [channels]);
    this.movingMean = this.addParam('movingMean', [channels], false);
    this.movingVariance = this.addParam('movingVariance', [channels], false);
    // Keras' defaults: γ = 1, β = 0, moving mean 0, moving variance 1 (the identity at first).
    this.gammaValue = this.gamma?.value ?? new Float32Array(channels);
    this.gammaValue.fill(1);
    this.gammaGrad = this.gamma?.grad ?? new Float32Array(channels);
    this.betaGrad = this.beta?.grad ?? new Float32Array(channels);
    this.movingVariance.value.fill(1);
    this.state = {
      gamma: this.gammaValue, beta: this.beta?.value ?? new Float32Array(channels),
      movingMean: this.movingMean.value, movingVariance: this.movingVariance.value,
    };
    this.cache = batchNormCache(this.geometry);
  }

  protected override batchSizeChanged(n: number): void {
    super.batchSizeChanged(n);
    this.geometry = { ...this.geometry, batch: n };
  }

  forward(x: Float32Array, training: boolean): Float32Array {
    this.input = x;
    this.lastForwardTrained = training;
    batchNormForward(this.geometry, x, this.output, this.state, this.spec.momentum, this.spec.epsilon, training, this.cache);
    return this.output;
  }

  backward(dOutput: Float32Array): Float32Array {
    batchNormBackward(
      this.geometry, dOutput, this.gammaValue, this.cache, this.lastForwardTrained,
      this.dInput.length > 0 ? this.dInput : null, this.gammaGrad, this.betaGrad,
    );
    return this.dInput;
  }
}
