import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convolveByHand, crossCorrelate2d, flipKernel, gridFromRows, gridToRows } from '../../core/conv/byHand';
import { convOutputSize, UNIT_WINDOW } from '../../core/conv/geometry';
import { LECTURE_INPUT_5X5, LECTURE_KERNEL_3X3, LECTURE_OUTPUT_3X3 } from '../../core/lecture';

const input = gridFromRows(LECTURE_INPUT_5X5);
const kernel = gridFromRows(LECTURE_KERNEL_3X3);

test('lecture 5x5 * 3x3 cross-correlation valid s=1 gives [[12,12,17],[10,17,19],[9,6,14]]', () => {
  const r = convolveByHand(input, kernel, 'crossCorrelation', UNIT_WINDOW);
  assert.deepEqual(gridToRows(r.output), LECTURE_OUTPUT_3X3);
  assert.equal(r.slidKernel, r.kernel, 'cross-correlation slides the kernel as given');
});

test('lecture 5x5 true convolution slides the flipped kernel', () => {
  const r = convolveByHand(input, kernel, 'convolution', UNIT_WINDOW);
  assert.deepEqual(gridToRows(r.slidKernel), [[2, 1, 0], [0, 2, 2], [2, 1, 0]]);
  // S(0,0) = Σ I(m,n)·K(2−m,2−n): 3·2+3·1+2·0 + 0·0+0·2+1·2 + 3·2+1·1+2·0 = 18
  assert.equal(r.output.data[0], 18);
  assert.deepEqual(gridToRows(r.output), [[18, 20, 19], [10, 9, 17], [11, 8, 14]]);
  assert.notDeepEqual(gridToRows(r.output), LECTURE_OUTPUT_3X3);
});

test('convolution equals the textbook sum S(i,j) = Σ I(i−m, j−n) K(m,n) over the full output', () => {
  // With "full" padding (k−1) every index i−m is defined; compare against the direct definition.
  const full = crossCorrelate2d(input, flipKernel(kernel), { stride: 1, padding: 2, dilation: 1 });
  const at = (r: number, c: number): number => (r >= 0 && r < 5 && c >= 0 && c < 5 ? LECTURE_INPUT_5X5[r]![c]! : 0);
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j < 7; j++) {
      let s = 0;
      for (let m = 0; m < 3; m++) for (let n = 0; n < 3; n++) s += at(i - m, j - n) * LECTURE_KERNEL_3X3[m]![n]!;
      assert.equal(full.data[i * 7 + j], s, `S(${i},${j})`);
    }
  }
});

test('output size: n=5 k=3 p=0 s=1 d=1 → 3; n=5 k=3 p=1 s=2 → 3; n=7 k=3 d=2 → 3; n=2 k=3 → 0', () => {
  assert.equal(convOutputSize(5, 3, 0, 1, 1), 3);
  assert.equal(convOutputSize(5, 3, 1, 2, 1), 3);
  assert.equal(convOutputSize(7, 3, 0, 1, 2), 3);
  assert.equal(convOutputSize(2, 3, 0, 1, 1), 0);
});

test('stride 2, padding 1 on the lecture input', () => {
  const r = crossCorrelate2d(input, kernel, { stride: 2, padding: 1, dilation: 1 });
  assert.equal(r.rows, 3);
  assert.equal(r.cols, 3);
  // Top-left window covers the padded corner: only I(0..1, 0..1) meet K(1..2, 1..2).
  assert.equal(r.data[0], 3 * 2 + 3 * 0 + 0 * 1 + 0 * 2);
});

test('a kernel larger than its input is a clear error', () => {
  assert.throws(() => crossCorrelate2d(gridFromRows([[1, 2], [3, 4]]), kernel, UNIT_WINDOW), /does not fit/);
});

test('ragged rows are rejected', () => {
  assert.throws(() => gridFromRows([[1, 2], [3]]), /row 1 has 1 values, expected 2/);
});
