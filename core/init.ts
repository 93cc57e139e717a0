/**
 * Weight initialisers, all drawing from the one seeded generator (core/random.ts), so that
 * the same seed gives the same starting weights.
 *
 * fanIn and fanOut count the connections into and out of a unit. For a conv kernel each
 * input channel contributes its whole receptive field: Keras computes, from its kernel shape
 * [kh, kw, inC/groups, outC], fanIn = inC/groups · kh·kw and fanOut = outC · kh·kw.
 *
 *   glorotUniform  U(−l, l), l = √(6 / (fanIn + fanOut))      Glorot & Bengio 2010; Keras' default
 *   heNormal       truncated N(0, s²) cut at 2s, s = √(2 / fanIn) / 0.87962566103423978
 *                  (He et al. 2015; the divisor restores the variance the cut removes, as
 *                  Keras' VarianceScaling does)
 *   heUniform      U(−l, l), l = √(6 / fanIn)
 *   zeros, ones    biases, batch-norm β and γ
 */
import type { Random } from './random';

export type Initializer = 'glorotUniform' | 'heNormal' | 'heUniform' | 'zeros' | 'ones';

export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/** Fans of a conv kernel [outC, inC/groups, kh, kw]: every tap of the receptive field counts. */
export function convFans(outChannels: number, inChannelsPerGroup: number, kh: number, kw: number): Fans {
  const receptiveField = kh * kw;
  return { fanIn: inChannelsPerGroup * receptiveField, fanOut: outChannels * receptiveField };
}

export function denseFans(inFeatures: number, units: number): Fans {
  return { fanIn: inFeatures, fanOut: units };
}

/** The standard deviation of N(0, 1) truncated to [−2, 2]: Keras divides by it. */
const TRUNCATED_NORMAL_STD = 0.87962566103423978;

export function initialize(values: Float32Array, initializer: Initializer, fans: Fans, rng: Random): void {
  switch (initializer) {
    case 'zeros':
      values.fill(0);
      return;
    case 'ones':
      values.fill(1);
      return;
    case 'glorotUniform': {
      const limit = Math.sqrt(6 / (fans.fanIn + fans.fanOut));
      for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit);
      return;
    }
    case 'heUniform': {
      const limit = Math.sqrt(6 / fans.fanIn);
      for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit);
      return;
    }
    case 'heNormal': {
      const std = Math.sqrt(2 / fans.fanIn) / TRUNCATED_NORMAL_STD;
      for (let i = 0; i < values.length; i++) values[i] = rng.truncatedNormal(0, std);
      return;
    }
  }
}
