import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridFromRows, gridToRows, type Grid } from '../../../core/conv/byHand';
import { LECTURE_INPUT_5X5, LECTURE_KERNEL_3X3 } from '../../../core/lecture';
import { convEquivariance, poolEquivariance, poolGrid, shiftGrid } from '../../../core/lessons';
import { Random } from '../../../core/random';

function randomGrid(rows: number, cols: number, rng: Random): Grid {
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => rng.normal()) };
}

test('shiftGrid moves the image down dy and right dx, filling with zeros', () => {
  const g = gridFromRows([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(gridToRows(shiftGrid(g, 1, 1)), [[0, 0, 0], [0, 1, 2]]);
  assert.deepEqual(gridToRows(shiftGrid(g, 0, -1)), [[2, 3, 0], [5, 6, 0]]);
});

test('lecture input shifted by (1, 1): conv(shift(x)) − shift(conv(x)) is exactly 0 on the 2×2 interior, not at the border', () => {
  const r = convEquivariance(gridFromRows(LECTURE_INPUT_5X5), gridFromRows(LECTURE_KERNEL_3X3), 1, 1);
  assert.equal(r.interiorCells, 4);
  assert.deepEqual(Array.from(r.interior), [0, 0, 0, 0, 1, 1, 0, 1, 1]);
  assert.equal(r.maxInterior, 0);
  assert.ok(r.maxBorder > 0, 'at the border the shifted-in zeros change the sums');
  // The interior of conv(shift(x)) is the lecture's output moved by (1, 1).
  assert.deepEqual([r.ofShifted.data[4], r.ofShifted.data[5], r.ofShifted.data[7], r.ofShifted.data[8]], [12, 12, 10, 17]);
});

test('random real-valued inputs and shifts: the interior difference is exactly 0, every time', () => {
  const rng = new Random(42);
  for (let trial = 0; trial < 40; trial++) {
    const x = randomGrid(8 + rng.int(10), 8 + rng.int(10), rng);
    const k = randomGrid(1 + rng.int(4), 1 + rng.int(4), rng);
    const dy = rng.int(7) - 3;
    const dx = rng.int(7) - 3;
    const r = convEquivariance(x, k, dy, dx);
    const oh = x.rows - k.rows + 1;
    const ow = x.cols - k.cols + 1;
    assert.equal(r.interiorCells, Math.max(0, oh - Math.abs(dy)) * Math.max(0, ow - Math.abs(dx)), `trial ${trial}`);
    assert.equal(r.maxInterior, 0, `trial ${trial}: shift (${dy}, ${dx}) of ${x.rows}×${x.cols} by ${k.rows}×${k.cols}`);
  }
});

test('through a 2×2 max-pool a shift by 1 is no longer followed exactly; a shift by 2 becomes a pooled shift by 1', () => {
  const rng = new Random(5);
  const x = randomGrid(16, 16, rng);
  const k = randomGrid(3, 3, rng);
  const one = poolEquivariance(x, k, 1, 0);
  assert.equal(one.divisible, false);
  assert.deepEqual(one.candidates.map((c) => c.pooledShift), [[0, 0], [1, 0]], 'half a pooled cell: neither 0 nor 1 fits');
  assert.ok(one.bestMaxInterior > 0.01, `best interior difference ${one.bestMaxInterior}`);
  const two = poolEquivariance(x, k, 2, -2);
  assert.equal(two.divisible, true);
  assert.deepEqual(two.candidates.map((c) => c.pooledShift), [[1, -1]]);
  assert.equal(two.bestMaxInterior, 0);
  assert.ok(two.candidates[0]!.interiorCells > 0);
});

test('poolGrid: 2×2 max and average of a 4×4 map', () => {
  const g = gridFromRows([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]);
  assert.deepEqual(gridToRows(poolGrid(g, 2)), [[6, 8], [14, 16]]);
  assert.deepEqual(gridToRows(poolGrid(g, 2, 'avg')), [[3.5, 5.5], [11.5, 13.5]]);
});
