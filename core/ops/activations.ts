/**
 * The activations of the IR: relu, elu, sigmoid, tanh, linear, softmax. Forward writes
 * y = f(x); backward computes dx from dy and the *output* y alone, because every derivative
 * here is a function of the output:
 *
 *   relu     f' = [y > 0]               (0 at x = 0, as TF and PyTorch take it)
 *   elu      f' = 1 if y > 0, else y + α (y = α(eˣ − 1) ⇒ αeˣ = y + α); α = 1, Keras' default
 *   sigmoid  f' = y(1 − y)
 *   tanh     f' = 1 − y²
 *   softmax  dx = y ⊙ (dy − Σⱼ dyⱼ yⱼ)   (the Jacobian diag(y) − y yᵀ applied to dy)
 *
 * so a layer needs to keep only its output for the backward pass.
 *
 * Arrays are viewed as [outer, axis, inner]: softmax normalises along the middle axis
 * (features of [N, F], or channels of NCHW with inner = H·W, like Keras' softmax over the
 * channel axis); the element-wise functions only use the total size.
 */
import type { Activation } from '../model/ir';
import { pointwiseBackward, pointwiseForward, pointwiseOf, type ActivationParams } from './pointwise';

export const ELU_ALPHA = 1;

/** The numerically stable logistic: never evaluates exp of a large positive number. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function activationForward(
  kind: Activation, x: Float32Array, y: Float32Array, outer: number, axis: number, inner: number, params: ActivationParams = {},
): void {
  const n = outer * axis * inner;
  const pointwise = pointwiseOf(kind, params);
  if (pointwise !== null) {
    pointwiseForward(pointwise, params, x, y, n);
    return;
  }
  switch (kind) {
    case 'relu':
      // (v + |v|) / 2 is exact and branch-free: a data-dependent branch mispredicts half
      // the time on feature maps and costs several times the arithmetic.
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        y[i] = (v + Math.abs(v)) * 0.5;
      }
      return;
    case 'elu':
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        y[i] = v > 0 ? v : ELU_ALPHA * Math.expm1(v);
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = sigmoid(x[i]!);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]!);
      return;
    case 'linear':
      if (y !== x) for (let i = 0; i < n; i++) y[i] = x[i]!;
      return;
    case 'softmax':
      softmaxForward(x, y, outer, axis, inner);
      return;
  }
}

/** softmax(x)ᵢ = exp(xᵢ − max x) / Σⱼ exp(xⱼ − max x): subtracting the max keeps exp ≤ 1. */
export function softmaxForward(x: Float32Array, y: Float32Array, outer: number, axis: number, inner: number): void {
  for (let o = 0; o < outer; o++) {
    for (let r = 0; r < inner; r++) {
      const base = o * axis * inner + r;
      let max = -Infinity;
      for (let a = 0, i = base; a < axis; a++, i += inner) max = Math.max(max, x[i]!);
      let sum = 0;
      for (let a = 0, i = base; a < axis; a++, i += inner) {
        const e = Math.exp(x[i]! - max);
        y[i] = e;
        sum += e;
      }
      for (let a = 0, i = base; a < axis; a++, i += inner) y[i] = y[i]! / sum;
    }
  }
}

/**
 * dx = f'(x) ⊙ dy, from the forward output y (and, for ./pointwise's activations, the
 * forward input x, which they need). dx may be the same array as dy.
 */
export function activationBackward(
  kind: Activation, y: Float32Array, dy: Float32Array, dx: Float32Array, outer: number, axis: number, inner: number,
  x: Float32Array | null = null, params: ActivationParams = {},
): void {
  const n = outer * axis * inner;
  const pointwise = pointwiseOf(kind, params);
  if (pointwise !== null) {
    if (x === null) throw new Error(`the ${kind} activation's gradient needs its input`);
    pointwiseBackward(pointwise, params, x, y, dy, dx, n);
    return;
  }
  switch (kind) {
    case 'relu':
      for (let i = 0; i < n; i++) dx[i] = dy[i]! * +(y[i]! > 0); // +(bool) compiles without a branch
      return;
    case 'elu':
      for (let i = 0; i < n; i++) {
        const v = y[i]!;
        dx[i] = v > 0 ? dy[i]! : dy[i]! * (v + ELU_ALPHA);
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const v = y[i]!;
        dx[i] = dy[i]! * v * (1 - v);
      }
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) {
        const v = y[i]!;
        dx[i] = dy[i]! * (1 - v * v);
      }
      return;
    case 'linear':
      if (dx !== dy) for (let i = 0; i < n; i++) dx[i] = dy[i]!;
      return;
    case 'softmax':
      for (let o = 0; o < outer; o++) {
        for (let r = 0; r < inner; r++) {
          const base = o * axis * inner + r;
          let dot = 0;
          for (let a = 0, i = base; a < axis; a++, i += inner) dot += dy[i]! * y[i]!;
          for (let a = 0, i = base; a < axis; a++, i += inner) dx[i] = y[i]! * (dy[i]! - dot);
        }
      }
      return;
  }
}
