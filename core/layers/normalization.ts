/**
 * The normalisations of real models other than batch norm: instance norm (style transfer,
 * GAN generators), group norm and layer norm. Each normalises per example over a set of
 * its values, with no running statistics, so training and inference compute the same:
 *
 *   x̂ = (x − μ) / √(σ² + ε)   over each set (σ² biased, as both frameworks take it)
 *   y = γ·x̂ + β               γ, β per channel, or per element of PyTorch's normalized_shape
 *
 * The sets, for one example viewed as [outer, set, inner] (element o·set·inner + s·inner + r
 * belongs to set (o, r)):
 *   instance               [C, H·W, 1]          one set per channel
 *   group (G groups)       [G, (C/G)·H·W, 1]    one per group of channels
 *   layer, PyTorch         [E/k, k, 1]          k = ∏ normalized_shape, its trailing axes
 *   layer, Keras (axis −1) [1, C, H·W]          across the channels at each pixel
 *
 * Backward, per set of m values with g = γ·dy:  dx = (g − mean(g) − x̂·mean(g·x̂)) / √(σ² + ε).
 */
import type { NormalizationSpec } from '../model/ir';
import { shapeToString, sizeOf, type Shape } from '../tensor';
import { BaseLayer, type LayerContext, type Param } from './layer';

interface SetLayout {
  readonly outer: number;
  readonly set: number;
  readonly inner: number;
  /** Which γ/β entry each element of an example uses. */
  readonly affineIndex: Int32Array;
  readonly affineShape: Shape;
}

function layoutOf(spec: NormalizationSpec, shape: Shape): SetLayout {
  const size = sizeOf(shape);
  const channels = shape[0]!;
  const plane = sizeOf(shape.slice(1));
  const perChannel = (): Int32Array => Int32Array.from({ length: size }, (_, e) => Math.floor(e / plane));
  if (spec.variant === 'instance' || spec.variant === 'group') {
    if (shape.length !== 3) throw new RangeError(`${spec.variant} normalisation needs a [channels, height, width] input, got ${shapeToString(shape)}`);
    const groups = spec.variant === 'instance' ? channels : (spec.groups ?? 1);
    if (!Number.isInteger(groups) || groups < 1 || channels % groups !== 0) throw new RangeError(`${groups} groups do not divide ${channels} channels`);
    return { outer: groups, set: size / groups, inner: 1, affineIndex: perChannel(), affineShape: [channels] };
  }
  if (spec.normalizedShape) {
    const k = sizeOf(spec.normalizedShape);
    const trailing = shape.slice(shape.length - spec.normalizedShape.length);
    if (trailing.length !== spec.normalizedShape.length || trailing.some((n, i) => n !== spec.normalizedShape![i])) {
      throw new RangeError(`LayerNorm(${shapeToString(spec.normalizedShape)}) does not match the input's trailing axes ${shapeToString(shape)}`);
    }
    return { outer: size / k, set: k, inner: 1, affineIndex: Int32Array.from({ length: size }, (_, e) => e % k), affineShape: [...spec.normalizedShape] };
  }
  return { outer: 1, set: channels, inner: plane, affineIndex: perChannel(), affineShape: [channels] };
}

export class NormalizationLayer extends BaseLayer {
  readonly kind = 'normalization';
  readonly gamma: Param | null;
  readonly beta: Param | null;
  private readonly layout: SetLayout;
  /** x̂ of the last forward and 1/√(σ² + ε) per set, for backward. */
  private readonly normalized: Float32Array;
  private readonly invStd: Float32Array;
  private readonly exampleSize: number;

  constructor(context: LayerContext, readonly spec: NormalizationSpec) {
    super(context, context.inputShape);
    if (spec.trackRunningStats) throw new RangeError('instance norm with running statistics cannot be trained in ConvLab yet');
    this.layout = layoutOf(spec, context.inputShape);
    this.exampleSize = sizeOf(context.inputShape);
    this.normalized = new Float32Array(context.capacity * this.exampleSize);
    this.invStd = new Float32Array(context.capacity * this.layout.outer * this.layout.inner);
    this.gamma = spec.affine ? this.addParam('gamma', this.layout.affineShape) : null;
    this.beta = spec.affine ? this.addParam('beta', this.layout.affineShape) : null;
    this.gamma?.value.fill(1);
  }

  forward(x: Float32Array): Float32Array {
    this.input = x;
    const { outer, set, inner, affineIndex } = this.layout;
    const E = this.exampleSize;
    const y = this.output;
    const xh = this.normalized;
    const gamma = this.gamma?.value;
    const beta = this.beta?.value;
    for (let n = 0; n < this.batchSize; n++) {
      for (let o = 0; o < outer; o++) {
        for (let r = 0; r < inner; r++) {
          const base = n * E + o * set * inner + r;
          let mean = 0;
          for (let s = 0, i = base; s < set; s++, i += inner) mean += x[i]!;
          mean /= set;
          let variance = 0;
          for (let s = 0, i = base; s < set; s++, i += inner) variance += (x[i]! - mean) ** 2;
          variance /= set;
          const inv = 1 / Math.sqrt(variance + this.spec.epsilon);
          this.invStd[(n * outer + o) * inner + r] = inv;
          for (let s = 0, i = base; s < set; s++, i += inner) {
            const v = (x[i]! - mean) * inv;
            xh[i] = v;
            const a = affineIndex[i - n * E]!;
            y[i] = gamma && beta ? gamma[a]! * v + beta[a]! : v;
          }
        }
      }
    }
    return y;
  }

  backward(dOutput: Float32Array): Float32Array {
    const { outer, set, inner, affineIndex } = this.layout;
    const E = this.exampleSize;
    const xh = this.normalized;
    const gamma = this.gamma?.value;
    if (this.gamma && this.beta) {
      this.gamma.grad.fill(0);
      this.beta.grad.fill(0);
      for (let i = 0; i < this.batchSize * E; i++) {
        const a = affineIndex[i % E]!;
        this.gamma.grad[a]! += dOutput[i]! * xh[i]!;
        this.beta.grad[a]! += dOutput[i]!;
      }
    }
    const dx = this.dInput;
    if (dx.length === 0) return dx;
    for (let n = 0; n < this.batchSize; n++) {
      for (let o = 0; o < outer; o++) {
        for (let r = 0; r < inner; r++) {
          const base = n * E + o * set * inner + r;
          let meanG = 0;
          let meanGx = 0;
          for (let s = 0, i = base; s < set; s++, i += inner) {
            const g = gamma ? dOutput[i]! * gamma[affineIndex[i - n * E]!]! : dOutput[i]!;
            meanG += g;
            meanGx += g * xh[i]!;
          }
          meanG /= set;
          meanGx /= set;
          const inv = this.invStd[(n * outer + o) * inner + r]!;
          for (let s = 0, i = base; s < set; s++, i += inner) {
            const g = gamma ? dOutput[i]! * gamma[affineIndex[i - n * E]!]! : dOutput[i]!;
            dx[i] = inv * (g - meanG - xh[i]! * meanGx);
          }
        }
      }
    }
    return dx;
  }
}
