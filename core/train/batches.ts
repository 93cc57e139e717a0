/**
 * Mini-batches without allocation: one reusable buffer for the batch's images and one for
 * its targets, filled from a split in the order of a (shuffled) permutation. The last
 * batch of an epoch may be smaller, as in Keras (no example is dropped).
 */
import type { TrainingSplit } from '../data/dataset';
import { fillSegmentationTargets, type SegmentationTargets } from './segmentation';

export class BatchFeeder {
  readonly images: Float32Array;
  /** Class indices, or one-hot rows when the loss needs them (mean squared error). */
  readonly targets: Float32Array;
  private readonly exampleSize: number;

  constructor(
    readonly capacity: number,
    exampleSize: number,
    private readonly oneHotClasses: number | null,
    /** For a map output: per-pixel targets from the split's masks instead of one label. */
    private readonly segmentation: SegmentationTargets | null = null,
  ) {
    this.exampleSize = exampleSize;
    this.images = new Float32Array(capacity * exampleSize);
    this.targets = new Float32Array(capacity * (segmentation ? segmentation.pixels : (oneHotClasses ?? 1)));
  }

  /** Copies examples order[start … start+n) of the split; returns the views for that batch. */
  fill(split: TrainingSplit, order: ArrayLike<number>, start: number, n: number): { images: Float32Array; targets: Float32Array } {
    const size = this.exampleSize;
    const k = this.oneHotClasses;
    if (k !== null) this.targets.fill(0, 0, n * k);
    const pixels = 'pixels' in split ? split.pixels : null;
    for (let i = 0; i < n; i++) {
      const j = order[start + i]!;
      if (pixels === null) {
        this.images.set((split as { images: Float32Array }).images.subarray(j * size, (j + 1) * size), i * size);
      } else {
        // Bytes to [0, 1] as mnistDataset scales them (v / 255, the same float32 values).
        for (let q = 0, src = j * size, dst = i * size; q < size; q++) this.images[dst + q] = pixels[src + q]! / 255;
      }
      const label = split.labels[j]!;
      if (this.segmentation) {
        if (!split.masks) throw new RangeError('a map output trains on images with masks (bars or shapes), and these have none');
        fillSegmentationTargets(this.segmentation, split.masks, j, label, this.targets, i * this.segmentation.pixels);
      } else if (k === null) this.targets[i] = label;
      else this.targets[i * k + label] = 1;
    }
    const perExample = this.segmentation ? this.segmentation.pixels : (k ?? 1);
    return { images: this.images.subarray(0, n * size), targets: this.targets.subarray(0, n * perExample) };
  }
}

/** How many of the batch's predictions (rows of `output`) pick the labelled class. */
export function countCorrect(output: Float32Array, classes: number, n: number, split: { readonly labels: Uint8Array }, order: ArrayLike<number>, start: number): number {
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestValue = output[i * classes]!;
    for (let c = 1; c < classes; c++) {
      const v = output[i * classes + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    if (best === split.labels[order[start + i]!]) correct++;
  }
  return correct;
}

export function identityOrder(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}
