/**
 * The element-wise activations of real models beyond the lecture's six: relu6, leaky ReLU,
 * ELU with its own α, GELU (exact and tanh), SiLU (swish), hard swish, hard sigmoid,
 * softplus, SELU and mish, as PyTorch and Keras 3 define them:
 *
 *   relu6       min(max(x, 0), 6)
 *   leakyRelu   x > 0 ? x : α·x                     α: the layer's slope (see DEFAULT_LEAKY_SLOPE)
 *   elu         x > 0 ? x : α·(eˣ − 1)
 *   gelu        x·Φ(x), Φ(x) = (1 + erf(x/√2)) / 2   (tanh form: ½x(1 + tanh(√(2/π)(x + 0.044715x³))))
 *   silu        x·σ(x)
 *   hardSigmoid relu6(x + 3) / 6                    (Keras 3 and PyTorch; Keras 2 had 0.2x + 0.5)
 *   hardSwish   x·hardSigmoid(x)
 *   softplus    log(1 + eˣ)
 *   selu        λ·(x > 0 ? x : α(eˣ − 1)), λ ≈ 1.0507, α ≈ 1.6733
 *   mish        x·tanh(softplus(x))
 *
 * Unlike relu or tanh, most of these have a derivative that is not a function of the output
 * alone, so backward reads the pre-activation x as well (the layers keep it anyway).
 */
import type { Activation } from '../model/ir';

/** The activations computed here rather than in ./activations' output-only set. */
export type PointwiseActivation = 'relu6' | 'leakyRelu' | 'eluAlpha' | 'gelu' | 'geluTanh' | 'silu' | 'hardSwish' | 'hardSigmoid' | 'softplus' | 'selu' | 'mish';

export interface ActivationParams {
  /** leakyRelu's negative slope, elu's α. */
  readonly alpha?: number;
  /** gelu's tanh approximation. */
  readonly approximate?: boolean;
}

/**
 * Keras' `activation='leaky_relu'` (keras.activations.leaky_relu) slopes by 0.2. Every layer
 * form writes its slope into the IR (PyTorch's 0.01, Keras' LeakyReLU 0.3), so an absent α
 * can only come from the Keras activation string.
 */
export const DEFAULT_LEAKY_SLOPE = 0.2;

const SELU_LAMBDA = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const GELU_CUBIC = 0.044715;

/** Which pointwise function an IR activation with its params is, or null for ./activations' own. */
export function pointwiseOf(kind: Activation, params: ActivationParams = {}): PointwiseActivation | null {
  switch (kind) {
    case 'elu':
      return params.alpha === undefined || params.alpha === 1 ? null : 'eluAlpha';
    case 'gelu':
      return params.approximate ? 'geluTanh' : 'gelu';
    case 'relu6': case 'leakyRelu': case 'silu': case 'hardSwish': case 'hardSigmoid': case 'softplus': case 'selu': case 'mish':
      return kind;
    default:
      return null;
  }
}

/**
 * erf to about 1e-15 relative (W. J. Cody's rational approximations would do too): the
 * Maclaurin series where it converges fast, the continued fraction of erfc beyond. GELU's
 * Φ must match PyTorch's to float32 precision, which the 1.5e-7 of the textbook's
 * Abramowitz–Stegun formula would not quite do near zero.
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    const v = (2 / Math.sqrt(Math.PI)) * sum;
    return x < 0 ? -v : v;
  }
  if (ax > 6) return x < 0 ? -1 : 1;
  // erfc x = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + 2/(x + …))))), evaluated bottom-up.
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return x < 0 ? erfc - 1 : 1 - erfc;
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + eˣ) without overflow. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

function forwardOne(kind: PointwiseActivation, x: number, alpha: number): number {
  switch (kind) {
    case 'relu6': return Math.min(Math.max(x, 0), 6);
    case 'leakyRelu': return x > 0 ? x : alpha * x;
    case 'eluAlpha': return x > 0 ? x : alpha * Math.expm1(x);
    case 'gelu': return 0.5 * x * (1 + erf(x * INV_SQRT_2));
    case 'geluTanh': return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x)));
    case 'silu': return x * sigmoid(x);
    case 'hardSigmoid': return Math.min(Math.max(x + 3, 0), 6) / 6;
    case 'hardSwish': return (x * Math.min(Math.max(x + 3, 0), 6)) / 6;
    case 'softplus': return softplus(x);
    case 'selu': return x > 0 ? SELU_LAMBDA * x : SELU_LAMBDA * SELU_ALPHA * Math.expm1(x);
    case 'mish': return x * Math.tanh(softplus(x));
  }
}

/** f'(x), given x and y = f(x). At kinks the frameworks' choice: relu6 and hard ones take 0 at the ends. */
function derivativeOne(kind: PointwiseActivation, x: number, y: number, alpha: number): number {
  switch (kind) {
    case 'relu6': return x > 0 && x < 6 ? 1 : 0;
    case 'leakyRelu': return x > 0 ? 1 : alpha;
    case 'eluAlpha': return x > 0 ? 1 : y + alpha;
    case 'gelu': return 0.5 * (1 + erf(x * INV_SQRT_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    case 'geluTanh': {
      const t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x);
    }
    case 'silu': {
      const s = sigmoid(x);
      return s * (1 + x * (1 - s));
    }
    case 'hardSigmoid': return x > -3 && x < 3 ? 1 / 6 : 0;
    // PyTorch's hardswish_backward: 0 below −3, 1 above 3, (2x + 3)/6 between.
    case 'hardSwish': return x < -3 ? 0 : x > 3 ? 1 : (2 * x + 3) / 6;
    case 'softplus': return sigmoid(x);
    case 'selu': return x > 0 ? SELU_LAMBDA : y + SELU_LAMBDA * SELU_ALPHA;
    case 'mish': {
      const t = Math.tanh(softplus(x));
      return t + x * (1 - t * t) * sigmoid(x);
    }
  }
}

function alphaOf(kind: PointwiseActivation, params: ActivationParams): number {
  if (kind === 'leakyRelu') return params.alpha ?? DEFAULT_LEAKY_SLOPE;
  return params.alpha ?? 1;
}

/** y = f(x) over the first n values. */
export function pointwiseForward(kind: PointwiseActivation, params: ActivationParams, x: Float32Array, y: Float32Array, n: number): void {
  const alpha = alphaOf(kind, params);
  for (let i = 0; i < n; i++) y[i] = forwardOne(kind, x[i]!, alpha);
}

/** dx = f'(x) ⊙ dy over the first n values; dx may be dy. */
export function pointwiseBackward(
  kind: PointwiseActivation, params: ActivationParams, x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array, n: number,
): void {
  const alpha = alphaOf(kind, params);
  for (let i = 0; i < n; i++) dx[i] = dy[i]! * derivativeOne(kind, x[i]!, y[i]!, alpha);
}
