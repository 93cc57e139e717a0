/** Convolution by hand's messages, checked both ways: the learner's settings from the page, and the worked-out lesson to it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convByHandLesson, LECTURE_BY_HAND } from '../../../core/lessons';
import { parseWebviewMessage } from '../../../extension/webview/validate';

const settings = { ...LECTURE_BY_HAND, input: { kind: 'random', rows: 7, cols: 9, seed: 3, index: 0 }, strides: [2, 1], padding: [1, 0], dilation: [1, 2] };

test('from the page: settings within the core\'s bounds pass, rebuilt from their checked fields only', () => {
  const parsed = parseWebviewMessage({ type: 'setConvSettings', settings: { ...settings, extra: 'dropped', input: { ...settings.input, evil: true } } });
  assert.deepEqual(parsed, { type: 'setConvSettings', settings });
  assert.deepEqual(parseWebviewMessage({ type: 'writeConvByHandCode', framework: 'keras' }), { type: 'writeConvByHandCode', framework: 'keras' });
  assert.deepEqual(parseWebviewMessage({ type: 'ready', view: 'convByHand', conv: settings }), { type: 'ready', view: 'convByHand', mode: undefined, uri: undefined, model: undefined, lesson: undefined, conv: settings });
  // Saved settings that no longer parse are left out; the page still loads.
  assert.deepEqual(parseWebviewMessage({ type: 'ready', view: 'convByHand', conv: { input: 'old' } }), { type: 'ready', view: 'convByHand', mode: undefined, uri: undefined, model: undefined, lesson: undefined });
});

test('from the page: settings out of bounds or of the wrong shape are dropped', () => {
  const bad: unknown[] = [
    { ...settings, input: { ...settings.input, rows: 1025 } },
    { ...settings, input: { ...settings.input, kind: 'imagenet' } },
    { ...settings, input: { ...settings.input, seed: 1.5 } },
    { ...settings, kernel: { preset: 'custom', rows: 2, cols: 2, values: [1, 2, 3] } },
    { ...settings, kernel: { preset: 'custom', rows: 1, cols: 1, values: [1e7] } },
    { ...settings, kernel: { preset: 'sharpen', rows: 3, cols: 3, values: [] } },
    { ...settings, kernel: { preset: 'box', rows: 40, cols: 3, values: [] } },
    { ...settings, strides: [0, 1] },
    { ...settings, strides: [1] },
    { ...settings, dilation: [1, 65] },
    { ...settings, padding: 'full' },
    { ...settings, padding: [-1, 0] },
    null,
  ];
  for (const s of bad) assert.equal(parseWebviewMessage({ type: 'setConvSettings', settings: s }), undefined, JSON.stringify(s));
  assert.equal(parseWebviewMessage({ type: 'writeConvByHandCode', framework: 'jax' }), undefined);
});

test('from the page: what it shows is checked before the host logs or tests it', () => {
  const shown = {
    outputs: { crossCorrelation: [['1', '2']], convolution: [['3', '4']] }, sums: { crossCorrelation: 'S(0, 0) = 1', convolution: 'S(0, 0) = 3' },
    arithmetic: { rows: ['a'], cols: ['b'] }, cell: [0, 1], drawing: 'grid', problem: null,
  };
  const ok = parseWebviewMessage({ type: 'rendered', view: 'convByHand', mode: 'crossCorrelation', output: [['1', '2']], shown });
  assert.deepEqual(ok, { type: 'rendered', view: 'convByHand', mode: 'crossCorrelation', output: [['1', '2']], shown });
  for (const broken of [{ ...shown, cell: [-1, 0] }, { ...shown, drawing: 'svg' }, { ...shown, sums: { crossCorrelation: 1 } }, { ...shown, outputs: { crossCorrelation: [[1]], convolution: [] } }]) {
    assert.equal(parseWebviewMessage({ type: 'rendered', view: 'convByHand', mode: 'crossCorrelation', output: [], shown: broken }), undefined, JSON.stringify(broken));
  }
});

test('to the page: the worked-out lesson passes with Float32Arrays or plain arrays; a grid whose data does not fill it is dropped', async () => {
  const { parseHostMessage } = await import('../../../webview/validate');
  const r = convByHandLesson(LECTURE_BY_HAND);
  const axis = (a: typeof r.rows) => ({ steps: a.steps, formula: a.formula, padBefore: 0, padAfter: 0, stride: 1, dilation: 1, extent: a.extent, outSize: a.window.outSize, uncovered: a.uncovered });
  const data = {
    mode: 'crossCorrelation', settings: r.settings, label: null, input: r.input, kernel: r.kernel,
    crossCorrelation: r.crossCorrelation, convolution: r.convolution, rows: axis(r.rows), cols: axis(r.cols),
    outputSize: r.outputSize, problem: null, kernelSymmetric: false, sameOutput: false,
  };
  assert.ok(parseHostMessage({ type: 'convByHand', data }));
  assert.ok(parseHostMessage({ type: 'convByHand', data: { ...data, input: { rows: 5, cols: 5, data: Array.from(r.input.data) } } }));
  assert.ok(parseHostMessage({ type: 'convByHand', data: { ...data, problem: 'does not fit', crossCorrelation: { ...r.crossCorrelation, output: null } } }));
  assert.equal(parseHostMessage({ type: 'convByHand', data: { ...data, input: { rows: 5, cols: 6, data: r.input.data } } }), undefined);
  assert.equal(parseHostMessage({ type: 'convByHand', data: { ...data, mode: 'both' } }), undefined);
  assert.equal(parseHostMessage({ type: 'convByHand', data: { ...data, rows: { ...data.rows, steps: [1] } } }), undefined);
});
