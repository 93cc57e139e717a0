/**
 * Training a model whose output is a map (a U-Net, an FCN) on procedural images: each output
 * pixel's target is whether the figure is there, from the image's mask (core/data), taken at
 * the nearest input pixel when the output is smaller or larger than the input.
 *
 *   1 output channel:    the mask itself, 0 or 1, by mean squared error (a sigmoid head)
 *   2 channels:          class 0 background, 1 figure, by per-pixel softmax cross-entropy
 *   classes + 1 or more: 0 background, 1 + the image's class on the figure (which figure is where)
 */
import { nearestAxis } from '../ops/resampleAxes';

export interface SegmentationTargets {
  /** Output channels K. */
  readonly channels: number;
  /** Output pixels per channel, H'·W'. */
  readonly pixels: number;
  /** Input pixels per channel, H·W (the masks' plane). */
  readonly maskPixels: number;
  /** Whether the figure's pixels are labelled 1 + class (else 1). */
  readonly classAware: boolean;
  /** Per output pixel, the input pixel whose mask it takes. */
  readonly source: Int32Array;
}

/** How a map output trains on masks of `numClasses` figure classes, or why it cannot. */
export function segmentationOf(outputShape: readonly number[], inputShape: readonly number[], numClasses: number): SegmentationTargets | string {
  if (outputShape.length !== 3 || inputShape.length !== 3) return 'its output is neither a vector of class scores nor a map of the image';
  const [k, oh, ow] = outputShape as [number, number, number];
  const [, h, w] = inputShape as [number, number, number];
  if (k !== 1 && k !== 2 && k < numClasses + 1) {
    return `its output has ${k} channels: segmenting bars or shapes takes 1 or 2 (figure, background), or ${numClasses + 1} and more (background and each class)`;
  }
  const rows = nearestAxis(h, oh);
  const cols = nearestAxis(w, ow);
  const source = new Int32Array(oh * ow);
  for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) source[y * ow + x] = rows.taps[y]![0]! * w + cols.taps[x]![0]!;
  return { channels: k, pixels: oh * ow, maskPixels: h * w, classAware: k >= numClasses + 1, source };
}

/** Writes one example's targets: a class index per output pixel (or 0/1 for one channel). */
export function fillSegmentationTargets(seg: SegmentationTargets, masks: Uint8Array, example: number, label: number, out: Float32Array, offset: number): void {
  const base = example * seg.maskPixels;
  for (let o = 0; o < seg.pixels; o++) {
    const m = masks[base + seg.source[o]!]!;
    out[offset + o] = m === 0 ? 0 : seg.classAware ? 1 + label : 1;
  }
}

/** Correct output pixels of a batch: the arg-max channel (or the one channel past ½) is the target. */
export function countCorrectPixels(output: Float32Array, seg: SegmentationTargets, n: number, targets: Float32Array): number {
  const { channels: k, pixels: p } = seg;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < p; o++) {
      const t = targets[i * p + o]!;
      if (k === 1) {
        if ((output[i * p + o]! > 0.5 ? 1 : 0) === t) correct++;
        continue;
      }
      let best = 0;
      let bestValue = output[i * k * p + o]!;
      for (let c = 1; c < k; c++) {
        const v = output[(i * k + c) * p + o]!;
        if (v > bestValue) { bestValue = v; best = c; }
      }
      if (best === t) correct++;
    }
  }
  return correct;
}
