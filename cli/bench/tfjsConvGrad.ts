/**
 * A conv2d (+ bias, + optional ReLU) for tfjs whose gradient uses only kernels that the
 * wasm backend has. tfjs-backend-wasm 4.22 registers Conv2D and Conv2DBackpropInput but no
 * Conv2DBackpropFilter, so tf.grad through a conv2d fails there; without this, tfjs-wasm
 * could not train at all.
 *
 * The filter gradient is itself a convolution, computed by the backend's fast Conv2D
 * (XNNPACK) on transposed tensors. With NHWC input x (zero-padded as the forward pass pads
 * it) and output gradient dy [N, Ho, Wo, Co], stride s:
 *
 *   dW[kh, kw, ci, co] = Σ_{i, j, n} x[n, kh + i·s, kw + j·s, ci] · dy[n, i, j, co]
 *
 * Read x as a batch of Ci one-"image" tensors X′ = xᵀ [Ci, Hp, Wp, N] whose channels are the
 * examples, and dy as a filter F′ = dyᵀ [Ho, Wo, N, Co]; then the sum is conv2d(X′, F′)
 * with stride 1 and *dilation s* (the forward stride spaces the taps of F′), giving
 * [Ci, KH + slack, KW + slack, Co]; the first KH×KW positions (slack is the rows a
 * stride never reached) transposed back are dW [KH, KW, Ci, Co].
 *
 * An explicit im2col (nine strided slices, a concat and one GEMM) computes the same and was
 * measured first: 37 ms against 2.1 ms for the first layer's dW at batch 64, because
 * tfjs-wasm's slice kernels are slow on 4-D tensors.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface ConvOptions {
  readonly strides: readonly [number, number];
  readonly pad: 'valid' | 'same';
  readonly relu: boolean;
  /**
   * False for a layer whose input needs no gradient (the first layer: its input is the
   * data). Its input gradient is then returned as zeros instead of computed, which is what
   * tfjs's own tape does for the native conv (it prunes gradients nobody asked for).
   */
  readonly inputGradient: boolean;
}

/** TensorFlow's padding: 'same' pads max((out−1)·s + k − in, 0) in total, the smaller half first. */
export function tfPadding(inSize: number, kernel: number, stride: number, pad: 'valid' | 'same'): { out: number; before: number; after: number } {
  if (pad === 'valid') return { out: Math.floor((inSize - kernel) / stride) + 1, before: 0, after: 0 };
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + kernel - inSize, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/** ∂L/∂W of a stride-(sh, sw), dilation-1 conv2d, as a conv2d on transposed tensors (see above). */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: readonly [number, number, number, number],
  strides: readonly [number, number],
  pad: 'valid' | 'same',
): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const [kh, kw, ci, co] = filterShape;
    const [sh, sw] = strides;
    const ph = tfPadding(h, kh, sh, pad);
    const pw = tfPadding(w, kw, sw, pad);
    const [, ho, wo] = dy.shape;
    if (ho !== ph.out || wo !== pw.out) throw new Error(`dy is ${ho}×${wo}, the conv gives ${ph.out}×${pw.out}`);
    const padded = ph.before + ph.after + pw.before + pw.after > 0
      ? tf.pad(x, [[0, 0], [ph.before, ph.after], [pw.before, pw.after], [0, 0]])
      : x;
    const images = tf.transpose(padded, [3, 1, 2, 0]); // [Ci, Hp, Wp, N]
    const filter = tf.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, N, Co]
    let grad = tf.conv2d(images as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid', 'NHWC', [sh, sw]); // [Ci, KH+slack, KW+slack, Co]
    if (grad.shape[1] !== kh || grad.shape[2] !== kw) grad = tf.slice(grad, [0, 0, 0, 0], [ci, kh, kw, co]);
    return tf.transpose(grad, [1, 2, 0, 3]);
  });
}

/**
 * y = act(conv2d(x, W) + b), NHWC, forward by tfjs's fused kernel; the gradient by
 * Conv2DBackpropInput (input), the transposed conv2d above (filter) and a sum (bias).
 */
export function conv2dWithFilterGradient(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, options: ConvOptions): tf.Tensor4D {
  const op = tf.customGrad((...args: unknown[]) => {
    const [xs, w, b, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
    const y = tf.fused.conv2d({ x: xs, filter: w, bias: b, strides: [...options.strides] as [number, number], pad: options.pad, activation: options.relu ? 'relu' : 'linear' });
    save([xs, w, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [sx, sw, sy] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
        // ReLU′(z) is 1 where z > 0, which is exactly where y = relu(z) > 0 (step(0) = 0).
        const dz: tf.Tensor4D = options.relu ? tf.mul(dy, tf.step(sy)) : dy;
        const strides = [...options.strides] as [number, number];
        const dx = options.inputGradient ? tf.conv2dTranspose(dz, sw, sx.shape, strides, options.pad) : tf.zerosLike(sx);
        const dw = conv2dFilterGradient(sx, dz, sw.shape, options.strides, options.pad);
        const db = tf.sum(dz, [0, 1, 2]);
        return [dx, dw, db];
      },
    };
  });
  return op(x, filter, bias) as tf.Tensor4D;
}
