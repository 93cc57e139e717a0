/**
 * Convolution by hand with the learner's choices: inputs, kernel presets, and padding,
 * stride and dilation per axis, checked against the lecture's two definitions written as
 * plain loops (S = I ⋆ K and S = I ∗ K with zero padding), not against the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toKeras, toPyTorch } from '../../../core/codegen';
import { gridToRows, type Grid } from '../../../core/conv/byHand';
import type { MnistArchive } from '../../../core/data/mnist';
import { LECTURE_OUTPUT_3X3 } from '../../../core/lecture';
import {
  compact, CONV_LIMITS, convByHandLesson, convByHandModel, convCell, convInput, kernelFromSpec, LECTURE_BY_HAND, lessonModels, resizeKernel, settingsProblem,
  type ConvByHandSettings,
} from '../../../core/lessons';
import { parseModelFile } from '../../../core/parse';

/** The lecture's formulas with explicit zero padding p, stride s, dilation d, per axis. */
function reference(input: Grid, kernel: Grid, s: [number, number], p: [number, number], d: [number, number], mode: 'xcorr' | 'conv'): number[][] {
  const I = (r: number, c: number): number => (r >= 0 && r < input.rows && c >= 0 && c < input.cols ? input.data[r * input.cols + c]! : 0);
  const K = (m: number, n: number): number => kernel.data[m * kernel.cols + n]!;
  const out = (n: number, k: number, axis: 0 | 1): number => Math.floor((n + 2 * p[axis] - d[axis] * (k - 1) - 1) / s[axis]) + 1;
  const rows: number[][] = [];
  for (let i = 0; i < out(input.rows, kernel.rows, 0); i++) {
    const row: number[] = [];
    for (let j = 0; j < out(input.cols, kernel.cols, 1); j++) {
      let sum = 0;
      const top = i * s[0] - p[0];
      const left = j * s[1] - p[1];
      for (let m = 0; m < kernel.rows; m++) {
        for (let n = 0; n < kernel.cols; n++) {
          // ⋆: I(i + m, j + n) K(m, n). ∗: I(i − m, j − n) K(m, n), with i, j counted from the window's far corner.
          sum += mode === 'xcorr'
            ? I(top + m * d[0], left + n * d[1]) * K(m, n)
            : I(top + (kernel.rows - 1 - m) * d[0], left + (kernel.cols - 1 - n) * d[1]) * K(m, n);
        }
      }
      row.push(Math.fround(sum));
    }
    rows.push(row);
  }
  return rows;
}

const settings = (patch: Partial<ConvByHandSettings>): ConvByHandSettings => ({ ...LECTURE_BY_HAND, ...patch });

test('the default is the lecture: 5×5 ⋆ 3×3 = [[12,12,17],[10,17,19],[9,6,14]], ∗ = [[18,20,19],[10,9,17],[11,8,14]]', () => {
  const r = convByHandLesson(LECTURE_BY_HAND);
  assert.deepEqual(gridToRows(r.crossCorrelation.output!), LECTURE_OUTPUT_3X3);
  assert.deepEqual(gridToRows(r.convolution.output!), [[18, 20, 19], [10, 9, 17], [11, 8, 14]]);
  assert.deepEqual(gridToRows(r.convolution.slidKernel), [[2, 1, 0], [0, 2, 2], [2, 1, 0]]);
  assert.equal(r.problem, null);
  assert.equal(r.kernelSymmetric, false);
  assert.equal(r.sameOutput, false);
  assert.deepEqual(r.settings.kernel.values, [0, 1, 2, 2, 2, 0, 0, 1, 2]);
});

test('random 7×9 input, s=2×2 p=1×1 d=2×2: both operations equal the lecture\'s formulas, out = ⌊(7 + 2 − 5)/2⌋ + 1 = 3 by ⌊(9 + 2 − 5)/2⌋ + 1 = 4', () => {
  const s = settings({ input: { kind: 'random', rows: 7, cols: 9, seed: 3, index: 0 }, strides: [2, 2], padding: [1, 1], dilation: [2, 2] });
  const r = convByHandLesson(s);
  assert.deepEqual(r.outputSize, [3, 4]);
  assert.deepEqual(gridToRows(r.crossCorrelation.output!), reference(r.input, r.kernel, [2, 2], [1, 1], [2, 2], 'xcorr'));
  assert.deepEqual(gridToRows(r.convolution.output!), reference(r.input, r.kernel, [2, 2], [1, 1], [2, 2], 'conv'));
  assert.deepEqual(r.rows.steps, [
    'extent of the kernel = d·(k − 1) + 1 = 2·(3 − 1) + 1 = 5',
    'padded size = n + before + after = 7 + 1 + 1 = 9',
    'out = ⌊(padded − extent) / s⌋ + 1 = ⌊(9 − 5) / 2⌋ + 1 = ⌊2⌋ + 1 = 3',
  ]);
  assert.equal(r.cols.steps[2], 'out = ⌊(padded − extent) / s⌋ + 1 = ⌊(11 − 5) / 2⌋ + 1 = ⌊3⌋ + 1 = 4');
  // The cell a view writes out matches the grid, and its first tap lies in the padding.
  const cell = convCell(r.input, r.kernel, { mode: 'crossCorrelation', strides: [2, 2], padding: [1, 1], dilation: [2, 2] }, 0, 0);
  assert.equal(cell.sum, r.crossCorrelation.output!.data[0]);
  assert.equal(cell.terms[0]!.padding, true);
  assert.match(cell.text, /^0·0 \+ 0·1 \+ 0·2 \+ 0·2 \+ /);
});

test('settings per axis: stride 1×3, padding 2×0, dilation 1×2 on a 6×11 ramp', () => {
  const s = settings({ input: { kind: 'ramp', rows: 6, cols: 11, seed: 0, index: 0 }, strides: [1, 3], padding: [2, 0], dilation: [1, 2] });
  const r = convByHandLesson(s);
  assert.deepEqual(gridToRows(r.crossCorrelation.output!), reference(r.input, r.kernel, [1, 3], [2, 0], [1, 2], 'xcorr'));
  assert.deepEqual(gridToRows(r.convolution.output!), reference(r.input, r.kernel, [1, 3], [2, 0], [1, 2], 'conv'));
  // 11 columns, extent 5: windows start at 0, 3, 6; the last column is left over.
  assert.equal(r.cols.uncovered, 0);
  assert.deepEqual(r.outputSize, [8, 3]);
});

test('inputs: random integers 0…9 replay from their seed; ramp r + c; step 0 | 1; the lecture\'s and MNIST\'s own sizes', () => {
  const a = convInput({ kind: 'random', rows: 20, cols: 30, seed: 7, index: 0 });
  const b = convInput({ kind: 'random', rows: 20, cols: 30, seed: 7, index: 0 });
  const c = convInput({ kind: 'random', rows: 20, cols: 30, seed: 8, index: 0 });
  assert.deepEqual(a.data, b.data);
  assert.notDeepEqual(a.data, c.data);
  assert.ok(a.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 9));
  assert.ok(new Set(a.data).size === 10, 'all ten digits occur in 600 draws');
  assert.deepEqual(gridToRows(convInput({ kind: 'ramp', rows: 2, cols: 3, seed: 0, index: 0 })), [[0, 1, 2], [1, 2, 3]]);
  assert.deepEqual(gridToRows(convInput({ kind: 'step', rows: 2, cols: 5, seed: 0, index: 0 })), [[0, 0, 0, 1, 1], [0, 0, 0, 1, 1]]);
  const lecture = convInput({ kind: 'lecture', rows: 99, cols: 99, seed: 0, index: 0 });
  assert.deepEqual([lecture.rows, lecture.cols], [5, 5]);
  assert.throws(() => convInput({ kind: 'mnist', rows: 28, cols: 28, seed: 0, index: 0 }), /MNIST is not loaded/);
  // A two-image 2×2 "MNIST": the test image's bytes, unscaled, and its label.
  const mnist: MnistArchive = {
    rows: 2, cols: 2,
    train: { pixels: new Uint8Array(0), labels: new Uint8Array(0), count: 0 },
    test: { pixels: Uint8Array.from([0, 0, 0, 0, 10, 255, 0, 128]), labels: Uint8Array.from([3, 7]), count: 2 },
  };
  const r = convByHandLesson(settings({ input: { kind: 'mnist', rows: 1, cols: 1, seed: 0, index: 1 }, kernel: { preset: 'identity', rows: 1, cols: 1, values: [] } }), mnist);
  assert.deepEqual(gridToRows(r.input), [[10, 255], [0, 128]]);
  assert.deepEqual(gridToRows(r.crossCorrelation.output!), [[10, 255], [0, 128]]);
  assert.equal(r.label, 7);
  assert.deepEqual([r.settings.input.rows, r.settings.input.cols], [2, 2]);
});

test('kernel presets: the lecture\'s Sobel G_x and G_y, identity (same padding gives the input back), box blur averages', () => {
  assert.deepEqual(gridToRows(kernelFromSpec({ preset: 'sobelGx', rows: 3, cols: 3, values: [] })), [[1, 2, 1], [0, 0, 0], [-1, -2, -1]]);
  assert.deepEqual(gridToRows(kernelFromSpec({ preset: 'sobelGy', rows: 3, cols: 3, values: [] })), [[1, 0, -1], [2, 0, -2], [1, 0, -1]]);
  assert.deepEqual(gridToRows(kernelFromSpec({ preset: 'identity', rows: 4, cols: 3, values: [] })), [[0, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0]]);
  const identity = convByHandLesson(settings({ input: { kind: 'random', rows: 6, cols: 8, seed: 1, index: 0 }, kernel: { preset: 'identity', rows: 5, cols: 5, values: [] }, padding: 'same' }));
  assert.deepEqual(identity.crossCorrelation.output!.data, identity.input.data);
  assert.equal(identity.kernelSymmetric, true);
  assert.equal(identity.sameOutput, true);
  const box = convByHandLesson(settings({ input: { kind: 'ramp', rows: 3, cols: 3, seed: 0, index: 0 }, kernel: { preset: 'box', rows: 3, cols: 3, values: [] } }));
  assert.ok(Math.abs(box.crossCorrelation.output!.data[0]! - 2) < 1e-6, 'the mean of 0…4 along the ramp is 2');
  // Sobel's "G_y" on a step edge: −(1 + 2 + 1) where the window straddles the edge, 0 elsewhere.
  const edge = convByHandLesson(settings({ input: { kind: 'step', rows: 3, cols: 6, seed: 0, index: 0 }, kernel: { preset: 'sobelGy', rows: 3, cols: 3, values: [] } }));
  assert.deepEqual(gridToRows(edge.crossCorrelation.output!), [[0, -4, -4, 0]]);
  assert.deepEqual(gridToRows(edge.convolution.output!), [[0, 4, 4, 0]]);
});

test('a custom kernel of any size, and resizing keeps the overlap', () => {
  const values = [1, -2, 0.5, 3, 0, 0, 4, 1, -1, 2];
  const r = convByHandLesson(settings({ input: { kind: 'random', rows: 9, cols: 12, seed: 5, index: 0 }, kernel: { preset: 'custom', rows: 2, cols: 5, values }, strides: [1, 2] }));
  assert.deepEqual(gridToRows(r.crossCorrelation.output!), reference(r.input, r.kernel, [1, 2], [0, 0], [1, 1], 'xcorr'));
  assert.deepEqual(gridToRows(r.convolution.output!), reference(r.input, r.kernel, [1, 2], [0, 0], [1, 1], 'conv'));
  assert.deepEqual(resizeKernel([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3, 2, 4), [1, 2, 3, 0, 4, 5, 6, 0]);
  assert.deepEqual(resizeKernel([1, 2, 3, 4], 2, 2, 1, 1), [1]);
});

test('a kernel that does not fit is explained, not thrown: 3×3 with dilation 3 on 5×5 has extent 7 > 5', () => {
  const r = convByHandLesson(settings({ dilation: [3, 3] }));
  assert.equal(r.crossCorrelation.output, null);
  assert.equal(r.convolution.output, null);
  assert.deepEqual(r.outputSize, [-1, -1]);
  assert.match(r.problem!, /does not fit the 5×5 input/);
  assert.ok(r.rows.steps.some((line) => /extent 7 is larger than the padded size 5/.test(line)));
});

test('settings outside the bounds are named problems (and throw in convByHandLesson), inside them none', () => {
  assert.equal(settingsProblem(LECTURE_BY_HAND), null);
  const big = settings({ input: { kind: 'random', rows: CONV_LIMITS.maxInputSide, cols: CONV_LIMITS.maxInputSide, seed: 0, index: 0 } });
  assert.equal(settingsProblem(big), null);
  const bad: [Partial<ConvByHandSettings>, RegExp][] = [
    [{ input: { kind: 'random', rows: 0, cols: 5, seed: 0, index: 0 } }, /input size/],
    [{ input: { kind: 'random', rows: CONV_LIMITS.maxInputSide + 1, cols: 5, seed: 0, index: 0 } }, /input size/],
    [{ input: { kind: 'mnist', rows: 28, cols: 28, seed: 0, index: 10_000 } }, /MNIST test image/],
    [{ kernel: { preset: 'custom', rows: 2, cols: 2, values: [1, 2, 3] } }, /needs 4 numbers/],
    [{ kernel: { preset: 'custom', rows: 1, cols: 1, values: [Number.NaN] } }, /kernel values/],
    [{ kernel: { preset: 'box', rows: 33, cols: 3, values: [] } }, /kernel size/],
    [{ strides: [0, 1] }, /strides/],
    [{ dilation: [1, 1.5] }, /dilation/],
    [{ padding: [-1, 0] }, /padding/],
  ];
  for (const [patch, message] of bad) {
    assert.match(settingsProblem(settings(patch)) ?? '', message, JSON.stringify(patch));
    assert.throws(() => convByHandLesson(settings(patch)), RangeError);
  }
});

test('a 1024×1024 input with a 5×5 kernel is worked out in well under two seconds', () => {
  const started = performance.now();
  const r = convByHandLesson(settings({ input: { kind: 'random', rows: 1024, cols: 1024, seed: 2, index: 0 }, kernel: { preset: 'box', rows: 5, cols: 5, values: [] }, padding: 'same' }));
  const ms = performance.now() - started;
  assert.deepEqual(r.outputSize, [1024, 1024]);
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
});

test('the code written for the current settings is their layer, and it parses back to the same settings', () => {
  const s = settings({ input: { kind: 'random', rows: 7, cols: 9, seed: 3, index: 0 }, strides: [2, 1], padding: [1, 1], dilation: [1, 2] });
  const [model] = lessonModels('convByHand', { settings: s });
  assert.deepEqual(model!.inputShape, [1, 7, 9]);
  const torch = toPyTorch(model!);
  assert.match(torch.code, /nn\.Conv2d\(1, 1, kernel_size=3, stride=\(2, 1\), padding=1, dilation=\(1, 2\), bias=False\)/);
  const back = parseModelFile(torch.code, torch.fileName).models.at(-1)!;
  const spec = back.layers[0]!.spec;
  assert.ok(spec.kind === 'conv2d');
  assert.deepEqual([spec.strides, spec.padding, spec.dilation, spec.useBias], [[2, 1], [1, 1], [1, 2], false]);
  // Keras refuses strides and dilation together, and true convolution is not a framework layer: both are said in the notes.
  const keras = toKeras(convByHandModel(s, 'convolution'));
  assert.ok(keras.notes.some((n) => /Keras' Conv2D refuses/.test(n)), keras.notes.join('\n'));
  assert.ok(keras.notes.some((n) => /flipped kernel/.test(n)), keras.notes.join('\n'));
  // With no settings given it is still the lecture's layer.
  assert.deepEqual(lessonModels('convByHand')[0]!.inputShape, [1, 5, 5]);
});

test('grid cells print compactly: integers exactly, 1/9 as 0.111, −2.5 with a true minus, 1234.56 as 1234.6', () => {
  assert.deepEqual([12, 1 / 9, -2.5, 1234.56, Math.fround(1 / 9), 0.000123456, -0].map(compact), ['12', '0.111', '−2.5', '1234.6', '0.111', '0.000123', '0']);
});

test('a cell whose window starts in the padding writes its definition as I(2·m − 1, 2·n − 1), with true minus signs', () => {
  const s = settings({ input: { kind: 'ramp', rows: 7, cols: 9, seed: 0, index: 0 }, strides: [2, 2], padding: [1, 1], dilation: [2, 2] });
  const r = convByHandLesson(s);
  const w = { strides: s.strides, padding: s.padding, dilation: s.dilation };
  assert.equal(convCell(r.input, r.kernel, { ...w, mode: 'crossCorrelation' }, 0, 0).definition, 'S(0, 0) = Σm Σn I(2·m − 1, 2·n − 1)·K(m, n)');
  assert.equal(convCell(r.input, r.kernel, { ...w, mode: 'crossCorrelation' }, 1, 1).definition, 'S(1, 1) = Σm Σn I(1 + 2·m, 1 + 2·n)·K(m, n)');
  assert.equal(convCell(r.input, r.kernel, { ...w, mode: 'convolution' }, 0, 0).definition, 'S(0, 0) = Σm Σn I(3 − 2·m, 3 − 2·n)·K(m, n)');
  const tooBig = convByHandLesson(settings({ kernel: { preset: 'box', rows: 7, cols: 3, values: [] } }));
  assert.match(tooBig.problem!, /the output would be −1×3$/);
});
