/**
 * TF.js (tfjs-core with its CPU backend) as the independent oracle for the numeric core.
 * TF.js is NHWC with filters [kh, kw, inC, outC]; the core is NCHW with kernels
 * [outC, inC, kh, kw]: the helpers here convert between the two.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle leaves gradients unregistered; this registers them in the same global registry.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';

tf.env().set('PROD', true); // silences the "install tfjs-node" banner

export { tf };

export async function useTfCpu(): Promise<void> {
  await tf.setBackend('cpu');
}

/** An NCHW array as a TF.js NHWC tensor. */
export function nhwc(data: Float32Array, shape: readonly number[]): tf.Tensor4D {
  return tf.transpose(tf.tensor4d(data, shape as [number, number, number, number]), [0, 2, 3, 1]);
}

/** A TF.js NHWC tensor's values in NCHW order. */
export function nchwData(t: tf.Tensor): Float32Array {
  return tf.tidy(() => tf.transpose(t, [0, 3, 1, 2]).dataSync() as Float32Array);
}

/** A kernel [outC, inC, kh, kw] as a TF.js filter [kh, kw, inC, outC]. */
export function tfFilter(data: Float32Array, shape: readonly number[]): tf.Tensor4D {
  return tf.transpose(tf.tensor4d(data, shape as [number, number, number, number]), [2, 3, 1, 0]);
}

/** A TF.js filter (or its gradient) [kh, kw, inC, outC] as values of [outC, inC, kh, kw]. */
export function kernelData(t: tf.Tensor): Float32Array {
  return tf.tidy(() => tf.transpose(t, [3, 2, 0, 1]).dataSync() as Float32Array);
}
