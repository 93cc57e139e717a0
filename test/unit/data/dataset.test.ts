import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSplit, ImageShape } from '../../../core/data/dataset';
import { classCounts, firstImages, randomSubset, selectImages, trainValidationSplit } from '../../../core/data/dataset';

/** Ten 1×2×2 images; image i holds the value i in every pixel and has label i % 3. */
const shape: ImageShape = [1, 2, 2];
const split: DataSplit = {
  images: Float32Array.from({ length: 40 }, (_, k) => Math.floor(k / 4)),
  labels: Uint8Array.from({ length: 10 }, (_, i) => i % 3),
  count: 10,
};
/** Which original images a split holds, read back from their pixels. */
const ids = (s: DataSplit): number[] => Array.from({ length: s.count }, (_, i) => s.images[i * 4]!);

test('selectImages copies images and labels in the given order', () => {
  const s = selectImages(split, [7, 2, 7], shape);
  assert.deepEqual(ids(s), [7, 2, 7]);
  assert.deepEqual([...s.labels], [1, 2, 1]);
  assert.deepEqual([...s.images.subarray(4, 8)], [2, 2, 2, 2]);
  assert.notEqual(s.images.buffer, split.images.buffer, 'a split owns its arrays (it may be transferred)');
  assert.throws(() => selectImages(split, [10], shape), /outside/);
  assert.throws(() => selectImages(split, [0], [1, 3, 3]), /not 10 images/);
});

test('firstImages takes a prefix and clamps n to the count', () => {
  assert.deepEqual(ids(firstImages(split, 3, shape)), [0, 1, 2]);
  assert.equal(firstImages(split, 50, shape).count, 10);
  assert.equal(firstImages(split, -1, shape).count, 0);
});

test('randomSubset draws without replacement and replays from its seed', () => {
  const a = ids(randomSubset(split, 6, shape, 5));
  assert.deepEqual(a, ids(randomSubset(split, 6, shape, 5)));
  assert.notDeepEqual(a, ids(randomSubset(split, 6, shape, 6)));
  assert.equal(new Set(a).size, 6);
});

test('trainValidationSplit without a seed holds out the last fraction, as Keras validation_split=0.25 does', () => {
  // Keras: split_at = int(10 * (1 - 0.25)) = 7; validation = x[7:].
  const { train, validation } = trainValidationSplit(split, shape, { validationFraction: 0.25 });
  assert.deepEqual(ids(train), [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(ids(validation), [7, 8, 9]);
  assert.deepEqual([...validation.labels], [1, 2, 0]);
});

test('trainValidationSplit with a seed shuffles first; the two parts are disjoint and cover the split', () => {
  const { train, validation } = trainValidationSplit(split, shape, { validationFraction: 0.3, seed: 1 });
  assert.equal(train.count, 7);
  assert.equal(validation.count, 3);
  assert.deepEqual([...ids(train), ...ids(validation)].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.notDeepEqual(ids(validation), [7, 8, 9]);
  assert.throws(() => trainValidationSplit(split, shape, { validationFraction: 1 }), /\[0, 1\)/);
});

test('classCounts counts each label and refuses a label outside the classes', () => {
  assert.deepEqual(classCounts(split, 3), [4, 3, 3]);
  assert.throws(() => classCounts(split, 2), /label 2/);
});
