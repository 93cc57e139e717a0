/** The hover's content and its kernels, without VS Code: the pure parts of extension/model. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseModel } from '../../../core/analysis';
import type { ModelIR } from '../../../core/model/ir';
import { Network } from '../../../core/network';
import { parseModelFile } from '../../../core/parse';
import { layerHoverMarkdown } from '../../../server/hoverText';
import { initialKernels } from '../../../server/initialKernels';
import { benchHover, twoHundredLineModelFile } from '../../../cli/bench/hover';

const example = (name: string): ModelIR => parseModelFile(readFileSync(path.resolve(__dirname, '../../../examples', name), 'utf8'), name).models[0]!;

test('initial kernels in the hover are exactly the worker network\'s, for every conv layer and seed', () => {
  const model = example('mnist_cnn_keras.py');
  for (const seed of [0, 7]) {
    const net = Network.fromIR(model, { batchSize: 1, seed });
    model.layers.forEach((l, i) => {
      if (l.spec.kind !== 'conv2d') return;
      const shown = initialKernels(model, i, net.layers[i]!.inputShape, seed)!;
      const full = net.layers[i]!.params().find((p) => p.name === 'kernel')!.value;
      assert.deepEqual(shown.shape, [16, net.layers[i]!.inputShape[0], 3, 3]);
      assert.deepEqual(shown.values, full.subarray(0, shown.values.length), `layer ${i}, seed ${seed}`);
    });
  }
});

test('Conv2D hover: output shape, the formula with the line\'s numbers, receptive field, output-size arithmetic', () => {
  const model = example('mnist_cnn_keras.py');
  const md = layerHoverMarkdown(model, analyseModel(model), 0, { dataUri: 'data:image/png;base64,AAAA', caption: 'Kernels' })!;
  assert.match(md, /\*\*Conv2D\*\*/);
  assert.match(md, /`\(26, 26, 32\)`/);
  assert.match(md, /3·3·1·32 \+ 32 = 320/);
  assert.match(md, /3×3 input pixels/);
  assert.match(md, /⌊\(28 \+ 2·0 − 1·\(3 − 1\) − 1\) \/ 1⌋ \+ 1 = 26/);
  assert.match(md, /!\[kernels\]\(data:image\/png;base64,AAAA\)/);
});

test('Dropout hover: Keras rate vs the lecture\'s keep probability, 2^1600 masks, inverted dropout', () => {
  const model = example('mnist_cnn_keras.py');
  const index = model.layers.findIndex((l) => l.spec.kind === 'dropout');
  const md = layerHoverMarkdown(model, analyseModel(model), index)!;
  assert.match(md, /`rate` = 0\.5 → the lecture's \*\*keep probability p = 1 − 0\.5 = 0\.5\*\*/);
  assert.match(md, /1,600 units → 2\^1600 ≈ 10\^481/);
  assert.match(md, /inverted dropout, as Keras does it/);
});

test('PyTorch Dropout hover names PyTorch\'s p as a drop rate', () => {
  const model = example('mnist_cnn_pytorch.py');
  const index = model.layers.findIndex((l) => l.spec.kind === 'dropout');
  assert.match(layerHoverMarkdown(model, analyseModel(model), index)!, /`p` = 0\.5 → the lecture's/);
});

test('the hover benchmark\'s file has 200 lines and both its models are read in full', async () => {
  const text = twoHundredLineModelFile();
  assert.equal(text.split('\n').length, 200);
  const parsed = parseModelFile(text, 'model.py');
  assert.deepEqual(parsed.models.map((m) => m.source), ['keras', 'pytorch']);
  const timings = await benchHover(text, 1, 'model.py', 2);
  assert.equal(timings.hovers, timings.layers, 'every layer got a hover');
  assert.equal(timings.afterEdit.count, 2, 'each edit was followed by a hover');
  assert.ok(timings.layers > 50);
});
