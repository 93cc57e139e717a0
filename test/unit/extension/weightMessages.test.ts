/** The kernel strip's and the dense-weights section's messages, checked both ways like every message. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../extension/webview/validate';

const dense = {
  uri: 'file:///m.py', modelIndex: 0, weights: 'initial', seed: 0, epoch: null, layer: 1, name: 'dense', units: 32, shownUnits: 2,
  imageShape: [1, 2, 3], flattenedBy: 'flatten', values: new Float32Array(12), scale: 0.5, isOutput: false,
};
const strip = {
  uri: 'file:///m.py', modelIndex: 0, layer: 0, name: 'conv2d', type: 'Conv2D', selectedBy: 'cursor', weights: 'trained', seed: 0, epoch: null,
  kernel: { layer: 0, name: 'conv2d', shape: [2, 1, 3, 3], values: new Float32Array(18) }, totalFilters: 32, note: null,
};

test('to the page: dense weights and the kernel strip pass; a wrong size, more units shown than exist, an unknown selection are dropped', async () => {
  const { parseHostMessage } = await import('../../../webview/validate');
  assert.ok(parseHostMessage({ type: 'denseWeights', data: dense }));
  assert.ok(parseHostMessage({ type: 'sideKernels', data: strip }));
  assert.ok(parseHostMessage({ type: 'sideKernels', data: null }));
  assert.ok(parseHostMessage({ type: 'sideKernels', data: { ...strip, kernel: null, note: 'max_pooling2d has no kernels' } }));
  assert.ok(parseHostMessage({ type: 'sectionError', section: 'denseWeights', message: 'x' }));
  const bad: unknown[] = [
    { type: 'denseWeights', data: { ...dense, values: new Float32Array(11) } },
    { type: 'denseWeights', data: { ...dense, shownUnits: 40 } },
    { type: 'denseWeights', data: { ...dense, imageShape: [6], values: new Float32Array(12) } },
    { type: 'denseWeights', data: { ...dense, scale: Number.NaN } },
    { type: 'denseWeights', data: { ...dense, isOutput: 'yes' } },
    { type: 'sideKernels', data: { ...strip, selectedBy: 'magic' } },
    { type: 'sideKernels', data: { ...strip, kernel: null } },
    { type: 'sideKernels', data: { ...strip, kernel: { ...strip.kernel, values: [1, 2] } } },
    { type: 'sectionError', section: 'everything', message: 'x' },
  ];
  for (const raw of bad) assert.equal(parseHostMessage(raw), undefined, JSON.stringify(raw));
});

test('from the page: a layer picked in the lab, and the model view\'s report with its dense units; malformed ones are dropped', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'selectedLayer', model: 0, layer: 3 }), { type: 'selectedLayer', model: 0, layer: 3 });
  assert.ok(parseWebviewMessage({ type: 'rendered', view: 'model', blocks: ['a'], kernelCanvases: 0, featureMapCanvases: 0, denseUnits: 16 }));
  const bad: unknown[] = [
    { type: 'selectedLayer', model: 0, layer: -1 },
    { type: 'selectedLayer', model: '0', layer: 1 },
    { type: 'rendered', view: 'model', blocks: ['a'], kernelCanvases: 0, featureMapCanvases: 0 },
  ];
  for (const raw of bad) assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
});
