/**
 * Batch normalisation (Ioffe & Szegedy 2015) per channel: over N, H and W of NCHW (inner =
 * H·W), or per feature of [N, F] (inner = 1).
 *
 *   training   μ, σ² = mean and biased variance of the batch;  x̂ = (x − μ) / √(σ² + ε)
 *              moving ← momentum · moving + (1 − momentum) · batch statistic
 *   inference  x̂ = (x − movingMean) / √(movingVariance + ε)
 *   both       y = γ x̂ + β
 *
 * momentum weighs the old value, Keras' convention (default 0.99, ε = 0.001); PyTorch's
 * momentum is the weight of the new value (1 − Keras'), and PyTorch feeds the unbiased
 * variance into its running estimate where Keras feeds the biased one — we follow Keras.
 *
 * Backward in training, with m = N·inner values per channel, differentiates through μ and σ²:
 *   dβ = Σ dy    dγ = Σ dy·x̂    dx = γ/(m·√(σ²+ε)) · (m·dy − dβ − x̂·dγ)
 * and at inference (μ, σ² constants) simply dx = γ · dy / √(movingVariance + ε).
 */
export interface BatchNormGeometry {
  readonly batch: number;
  readonly channels: number;
  /** Elements per channel per example: H·W for images, 1 for vectors. */
  readonly inner: number;
}

export interface BatchNormParams {
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
  readonly movingMean: Float32Array;
  readonly movingVariance: Float32Array;
}

/** What the forward pass leaves for the backward pass. */
export interface BatchNormCache {
  /** The normalised input x̂, same size as x. */
  readonly xHat: Float32Array;
  /** 1 / √(σ² + ε) per channel, of the statistics actually used. */
  readonly invStd: Float32Array;
}

export function batchNormCache(g: BatchNormGeometry): BatchNormCache {
  return { xHat: new Float32Array(g.batch * g.channels * g.inner), invStd: new Float32Array(g.channels) };
}

export function batchNormForward(
  g: BatchNormGeometry, x: Float32Array, y: Float32Array, params: BatchNormParams,
  momentum: number, epsilon: number, training: boolean, cache: BatchNormCache,
): void {
  const { batch, channels, inner } = g;
  const m = batch * inner;
  for (let c = 0; c < channels; c++) {
    let mean: number;
    let variance: number;
    if (training) {
      let sum = 0;
      for (let n = 0; n < batch; n++) {
        for (let i = (n * channels + c) * inner, end = i + inner; i < end; i++) sum += x[i]!;
      }
      mean = sum / m;
      let sq = 0;
      for (let n = 0; n < batch; n++) {
        for (let i = (n * channels + c) * inner, end = i + inner; i < end; i++) {
          const d = x[i]! - mean;
          sq += d * d;
        }
      }
      variance = sq / m; // two passes: Σ(x − μ)² does not cancel catastrophically as Σx² − mμ² can
      params.movingMean[c] = momentum * params.movingMean[c]! + (1 - momentum) * mean;
      params.movingVariance[c] = momentum * params.movingVariance[c]! + (1 - momentum) * variance;
    } else {
      mean = params.movingMean[c]!;
      variance = params.movingVariance[c]!;
    }
    const invStd = 1 / Math.sqrt(variance + epsilon);
    cache.invStd[c] = invStd;
    const gamma = params.gamma[c]!;
    const beta = params.beta[c]!;
    for (let n = 0; n < batch; n++) {
      for (let i = (n * channels + c) * inner, end = i + inner; i < end; i++) {
        const h = (x[i]! - mean) * invStd;
        cache.xHat[i] = h;
        y[i] = gamma * h + beta;
      }
    }
  }
}

/** Overwrites dGamma, dBeta and (if not null) dx, for the last forward in the same mode. */
export function batchNormBackward(
  g: BatchNormGeometry, dy: Float32Array, gamma: Float32Array, cache: BatchNormCache, training: boolean,
  dx: Float32Array | null, dGamma: Float32Array, dBeta: Float32Array,
): void {
  const { batch, channels, inner } = g;
  const m = batch * inner;
  for (let c = 0; c < channels; c++) {
    let sumDy = 0;
    let sumDyXHat = 0;
    for (let n = 0; n < batch; n++) {
      for (let i = (n * channels + c) * inner, end = i + inner; i < end; i++) {
        const d = dy[i]!;
        sumDy += d;
        sumDyXHat += d * cache.xHat[i]!;
      }
    }
    dBeta[c] = sumDy;
    dGamma[c] = sumDyXHat;
    if (dx === null) continue;
    const k = gamma[c]! * cache.invStd[c]!;
    for (let n = 0; n < batch; n++) {
      for (let i = (n * channels + c) * inner, end = i + inner; i < end; i++) {
        dx[i] = training ? (k / m) * (m * dy[i]! - sumDy - cache.xHat[i]! * sumDyXHat) : k * dy[i]!;
      }
    }
  }
}
