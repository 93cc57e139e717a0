import { test } from 'node:test';
import assert from 'node:assert/strict';
import { window2d } from '../../../core/ops/window';

test("'same' keeps ⌈n / stride⌉ and puts the odd padding pixel at the bottom/right, as TF does", () => {
  const w = window2d(5, 6, [2, 4], [1, 2], [1, 1], 'same');
  assert.equal(w.outH, 5);
  assert.equal(w.outW, 3);
  // rows: total (5−1)·1 + 2 − 5 = 1 → 0 on top, 1 at the bottom; columns: (3−1)·2 + 4 − 6 = 2 → 1 and 1
  assert.deepEqual([w.padTop, w.padBottom, w.padLeft, w.padRight], [0, 1, 1, 1]);
});

test("'same' with a dilated kernel pads for its extent d·(k − 1) + 1", () => {
  const w = window2d(7, 7, [3, 3], [1, 1], [2, 2], 'same');
  assert.deepEqual([w.outH, w.padTop, w.padBottom], [7, 2, 2]);
});

test("'valid' drops windows that hang past the edge; explicit padding is symmetric", () => {
  const v = window2d(7, 8, [3, 3], [2, 2], [1, 1], 'valid');
  assert.deepEqual([v.outH, v.outW, v.padTop, v.padRight], [3, 3, 0, 0]);
  const e = window2d(5, 5, [3, 3], [2, 2], [1, 1], [1, 2]);
  assert.deepEqual([e.outH, e.outW, e.padTop, e.padBottom, e.padLeft, e.padRight], [3, 4, 1, 1, 2, 2]);
});

test('a window that does not fit is an error that says the sizes', () => {
  assert.throws(() => window2d(2, 2, [3, 3], [1, 1], [1, 1], 'valid'), /3×3 window .* does not fit the 2×2 input .* 0×0/);
  assert.throws(() => window2d(5, 5, [3, 3], [0, 1], [1, 1], 'valid'), /strides must be positive integers/);
});
