import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCorrelate2d, gridFromRows, gridToRows, type Grid } from '../../../core/conv/byHand';
import { LECTURE_INPUT_5X5, LECTURE_KERNEL_3X3, LECTURE_OUTPUT_3X3 } from '../../../core/lecture';
import { compareConvModes, convArithmetic, convCell, LECTURE_CONV_SETTINGS, outputArithmetic, type ConvSettings } from '../../../core/lessons';
import { Random } from '../../../core/random';

const input = gridFromRows(LECTURE_INPUT_5X5);
const kernel = gridFromRows(LECTURE_KERNEL_3X3);

function randomGrid(rows: number, cols: number, rng: Random): Grid {
  return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => rng.int(7) - 3) };
}

test('lecture 5×5 ⋆ 3×3, valid, s=1: [[12,12,17],[10,17,19],[9,6,14]] with the arithmetic written out', () => {
  const r = convArithmetic(input, kernel);
  assert.deepEqual(gridToRows(r.output!), LECTURE_OUTPUT_3X3);
  assert.deepEqual(r.outputSize, [3, 3]);
  assert.equal(r.problem, null);
  assert.deepEqual(r.rows.steps, [
    'extent of the kernel = d·(k − 1) + 1 = 1·(3 − 1) + 1 = 3',
    'padded size = n + before + after = 5 + 0 + 0 = 5',
    'out = ⌊(padded − extent) / s⌋ + 1 = ⌊(5 − 3) / 1⌋ + 1 = ⌊2⌋ + 1 = 3',
  ]);
  assert.equal(r.rows.formula, '⌊(5 + 2·0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 3');
});

test('lecture cell S(0,0) = 3·0 + 3·1 + 2·2 + 0·2 + 0·2 + 1·0 + 3·0 + 1·1 + 2·2 = 12, built on demand', () => {
  const c = convCell(input, kernel, LECTURE_CONV_SETTINGS, 0, 0);
  assert.equal(c.text, '3·0 + 3·1 + 2·2 + 0·2 + 0·2 + 1·0 + 3·0 + 1·1 + 2·2 = 12');
  assert.equal(c.definition, 'S(0, 0) = Σm Σn I(0 + m, 0 + n)·K(m, n)');
  assert.deepEqual(c.window, { top: 0, left: 0, bottom: 2, right: 2 });
  assert.equal(convCell(input, kernel, LECTURE_CONV_SETTINGS, 1, 2).sum, 19);
  assert.equal(convCell(input, kernel, LECTURE_CONV_SETTINGS, 2, 1).sum, 6);
});

test('every cell\'s terms sum to the output grid, for padding, stride and dilation per axis', () => {
  const rng = new Random(11);
  const cases: ConvSettings[] = [
    { mode: 'crossCorrelation', strides: [2, 1], padding: [1, 2], dilation: [1, 2] },
    { mode: 'convolution', strides: [2, 3], padding: 'same', dilation: [1, 1] },
    { mode: 'convolution', strides: [1, 1], padding: [0, 1], dilation: [2, 1] },
    { mode: 'crossCorrelation', strides: [3, 2], padding: 'valid', dilation: [1, 1] },
  ];
  for (const s of cases) {
    const x = randomGrid(9, 8, rng);
    const k = randomGrid(3, 2, rng);
    const r = convArithmetic(x, k, s);
    const out = r.output!;
    for (let i = 0; i < out.rows; i++) {
      for (let j = 0; j < out.cols; j++) {
        assert.equal(convCell(x, k, s, i, j).sum, out.data[i * out.cols + j], `${JSON.stringify(s)} cell (${i}, ${j})`);
      }
    }
  }
});

test('with equal settings on both axes the output is core/conv/byHand\'s crossCorrelate2d', () => {
  const rng = new Random(3);
  const x = randomGrid(11, 7, rng);
  const k = randomGrid(3, 3, rng);
  for (const [stride, padding, dilation] of [[1, 0, 1], [2, 1, 1], [1, 2, 2], [3, 1, 2]] as const) {
    const ours = convArithmetic(x, k, { mode: 'crossCorrelation', strides: [stride, stride], padding: [padding, padding], dilation: [dilation, dilation] });
    assert.deepEqual(gridToRows(ours.output!), gridToRows(crossCorrelate2d(x, k, { stride, padding, dilation })), `s=${stride} p=${padding} d=${dilation}`);
  }
});

test('n=7 k=3 p=0 s=2: ⌊(7 − 3)/2⌋ + 1 = 3; n=8: ⌊2.5⌋ + 1 = 3 and the floor drops one padded row', () => {
  const s: ConvSettings = { ...LECTURE_CONV_SETTINGS, strides: [2, 2] };
  const seven = outputArithmetic([7, 7], [3, 3], s);
  assert.deepEqual(seven.outputSize, [3, 3]);
  assert.equal(seven.rows.uncovered, 0);
  const eight = outputArithmetic([8, 8], [3, 3], s);
  assert.deepEqual(eight.outputSize, [3, 3]);
  assert.equal(eight.rows.quotient, 2.5);
  assert.equal(eight.rows.uncovered, 1);
  assert.match(eight.rows.steps[2]!, /⌊2\.5⌋ \+ 1 = 3/);
  assert.match(eight.rows.steps[3]!, /drops the last 1 padded row/);
});

test("'same' with stride 2 on 5: ⌈5/2⌉ = 3 and 2 rows of padding, 1 before and 1 after", () => {
  const a = outputArithmetic([5, 6], [3, 3], { ...LECTURE_CONV_SETTINGS, strides: [2, 2], padding: 'same' });
  assert.deepEqual(a.outputSize, [3, 3]);
  assert.deepEqual([a.rows.window.padBefore, a.rows.window.padAfter], [1, 1]);
  assert.deepEqual([a.cols.window.padBefore, a.cols.window.padAfter], [0, 1], "TF's 'same' puts the odd pixel after");
  assert.match(a.rows.steps[1]!, /⌈5 \/ 2⌉ = 3/);
});

test('a kernel that does not fit gives no output and says why (3×3 on 2×2)', () => {
  const r = convArithmetic(gridFromRows([[1, 2], [3, 4]]), kernel);
  assert.equal(r.output, null);
  assert.deepEqual(r.outputSize, [0, 0]);
  assert.match(r.problem!, /does not fit the 2×2 input/);
  assert.throws(() => convCell(gridFromRows([[1, 2], [3, 4]]), kernel, LECTURE_CONV_SETTINGS, 0, 0), RangeError);
});

test('no cap on sizes: a 600×600 input computes its 598×598 map, and a cell lists only its 9 terms', () => {
  const big: Grid = { rows: 600, cols: 600, data: new Float32Array(360_000).fill(1) };
  const r = convArithmetic(big, kernel);
  assert.deepEqual(r.outputSize, [598, 598]);
  assert.equal(r.output!.data[598 * 598 - 1], 10, 'the kernel\'s entries sum to 10');
  assert.equal(convCell(big, kernel, LECTURE_CONV_SETTINGS, 597, 597).terms.length, 9);
});

test('padding taps are marked and count as 0 (p=1: S(0,0) = 3·2 + 3·0 + 0·1 + 0·2 = 6)', () => {
  const s: ConvSettings = { ...LECTURE_CONV_SETTINGS, padding: [1, 1] };
  const c = convCell(input, kernel, s, 0, 0);
  assert.equal(c.terms.filter((t) => t.padding).length, 5);
  assert.equal(c.sum, 3 * 2 + 3 * 0 + 0 * 1 + 0 * 2);
  assert.deepEqual(c.window, { top: -1, left: -1, bottom: 1, right: 1 });
});

test('convolution vs cross-correlation side by side: the lecture kernel differs, a symmetric one agrees', () => {
  const side = compareConvModes(input, kernel);
  assert.deepEqual(gridToRows(side.crossCorrelation.output!), LECTURE_OUTPUT_3X3);
  assert.deepEqual(gridToRows(side.convolution.output!), [[18, 20, 19], [10, 9, 17], [11, 8, 14]]);
  assert.equal(side.kernelSymmetric, false);
  assert.equal(side.sameOutput, false);
  const cell = convCell(input, kernel, { ...LECTURE_CONV_SETTINGS, mode: 'convolution' }, 0, 0);
  assert.equal(cell.definition, 'S(0, 0) = Σm Σn I(2 − m, 2 − n)·K(m, n)');
  assert.deepEqual([cell.terms[0]!.kernelRow, cell.terms[0]!.kernelCol], [2, 2], 'the window\'s first tap multiplies K(2, 2)');
  const symmetric = compareConvModes(input, gridFromRows([[1, 2, 1], [2, 4, 2], [1, 2, 1]]));
  assert.equal(symmetric.kernelSymmetric, true);
  assert.equal(symmetric.sameOutput, true);
});

test('settings no framework accepts are refused: stride 0, negative padding, dilation 1.5', () => {
  assert.throws(() => convArithmetic(input, kernel, { ...LECTURE_CONV_SETTINGS, strides: [0, 1] }), /strides/);
  assert.throws(() => convArithmetic(input, kernel, { ...LECTURE_CONV_SETTINGS, padding: [-1, 0] }), /padding/);
  assert.throws(() => convArithmetic(input, kernel, { ...LECTURE_CONV_SETTINGS, dilation: [1.5, 1] }), /dilation/);
});
