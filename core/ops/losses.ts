/**
 * Losses, each returning the batch mean and (optionally) writing its gradient.
 *
 * Softmax cross-entropy is fused and works on logits z (the values before the softmax):
 *   L = mean over the batch of −log softmax(z)[label] = logsumexp(z) − z[label]
 *   dL/dz = (softmax(z) − onehot(label)) / batch
 * logsumexp(z) = max z + log Σ exp(z − max z) never overflows, and the loss stays finite
 * even when the softmax of the true class underflows to 0 in float32 — which taking the log
 * of a softmax output would turn into ∞. It is Keras' sparse categorical cross-entropy with
 * from_logits=True and PyTorch's nn.CrossEntropyLoss (labels are class indices).
 *
 * Mean squared error is the mean over every element, Keras' 'mse' (mean over features, then
 * over the batch) and PyTorch's MSELoss(reduction='mean'): dL/dy = 2(y − t) / size.
 */
export type LossKind = 'softmaxCrossEntropy' | 'pixelSoftmaxCrossEntropy' | 'meanSquaredError';

/**
 * Softmax cross-entropy at every pixel of a map, over its channels (a U-Net's per-pixel
 * classes): logits [batch, K, P], labels [batch, P]; the mean over batch·P pixels, as
 * PyTorch's nn.CrossEntropyLoss on [N, K, H, W] and Keras' sparse categorical
 * cross-entropy on a channels-last map compute it. dL/dz = (softmax(z) − onehot) / (batch·P).
 */
export function pixelSoftmaxCrossEntropy(
  logits: Float32Array, batch: number, classes: number, pixels: number, labels: ArrayLike<number>, dLogits: Float32Array | null,
): number {
  if (labels.length < batch * pixels) throw new RangeError(`pixel cross-entropy: ${batch}×${pixels} pixels but ${labels.length} labels`);
  const count = batch * pixels;
  let total = 0;
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < pixels; o++) {
      const label = labels[n * pixels + o]!;
      if (!Number.isInteger(label) || label < 0 || label >= classes) throw new RangeError(`pixel label ${label} is not a class index in 0…${classes - 1}`);
      const base = n * classes * pixels + o;
      let max = -Infinity;
      for (let c = 0, i = base; c < classes; c++, i += pixels) max = Math.max(max, logits[i]!);
      let sum = 0;
      for (let c = 0, i = base; c < classes; c++, i += pixels) sum += Math.exp(logits[i]! - max);
      const logSumExp = max + Math.log(sum);
      total += logSumExp - logits[base + label * pixels]!;
      if (dLogits !== null) {
        for (let c = 0, i = base; c < classes; c++, i += pixels) {
          const p = Math.exp(logits[i]! - logSumExp);
          dLogits[i] = (c === label ? p - 1 : p) / count;
        }
      }
    }
  }
  return total / count;
}

export function softmaxCrossEntropy(
  logits: Float32Array, batch: number, classes: number, labels: ArrayLike<number>, dLogits: Float32Array | null,
): number {
  if (labels.length < batch) throw new RangeError(`softmax cross-entropy: ${batch} examples but ${labels.length} labels`);
  let total = 0;
  for (let n = 0; n < batch; n++) {
    const label = labels[n]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`label ${label} of example ${n} is not a class index in 0…${classes - 1}`);
    }
    const base = n * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[base + c]!);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[base + c]! - max);
    const logSumExp = max + Math.log(sum);
    total += logSumExp - logits[base + label]!;
    if (dLogits !== null) {
      for (let c = 0; c < classes; c++) {
        const p = Math.exp(logits[base + c]! - logSumExp);
        dLogits[base + c] = (c === label ? p - 1 : p) / batch;
      }
    }
  }
  return total / batch;
}

export function meanSquaredError(
  predictions: Float32Array, targets: ArrayLike<number>, size: number, dPredictions: Float32Array | null,
): number {
  if (targets.length < size) throw new RangeError(`mean squared error: ${size} predictions but ${targets.length} targets`);
  let total = 0;
  for (let i = 0; i < size; i++) {
    const e = predictions[i]! - targets[i]!;
    total += e * e;
    if (dPredictions !== null) dPredictions[i] = (2 * e) / size;
  }
  return total / size;
}
