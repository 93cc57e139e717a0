/**
 * The views on models whose input is not MNIST's 1×28×28: a CIFAR-style ResNet (3×32×32)
 * and a U-Net (3×64×64 in, a 2×64×64 map out) show feature maps of an image at their own
 * shape, and the lab says which of them it can also train.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseModel } from '../../../core/analysis/analyse';
import { parsePython } from '../../../core/parse';
import { featureMapsJob } from '../../../core/worker/featureMapsJob';
import { viewImage, viewInputRefusal, viewShapeOf } from '../../../core/worker/viewInput';
import { buildModelView } from '../../../extension/lab/modelView';

const REPO = path.resolve(__dirname, '..', '..', '..');

function modelOf(file: string, name: string, input?: readonly number[]) {
  const parsed = parsePython(readFileSync(path.join(REPO, file), 'utf8'), input ? { defaultInputShape: input } : {});
  const m = parsed.models.find((x) => x.name === name);
  assert.ok(m, `${name} in ${file}: ${parsed.models.map((x) => x.name).join(', ')}`);
  return m;
}

describe('view images at the model\'s own input shape', () => {
  test('shapes a view can feed: [C, H, W] with 1–4 channels and sides up to 256, or a flat 784', () => {
    assert.deepEqual(viewShapeOf([3, 32, 32]), [3, 32, 32]);
    assert.deepEqual(viewShapeOf([784]), [1, 28, 28]);
    assert.equal(viewShapeOf([3, 1000, 1000]), null);
    assert.equal(viewShapeOf([64]), null);
    assert.match(viewInputRefusal([10]) ?? '', /not an image/);
    assert.match(viewInputRefusal([]) ?? '', /unknown/);
  });

  test('a drawing is resized bilinearly and repeated over the channels; a procedural image is drawn at the shape', () => {
    const drawn = new Float32Array(784);
    for (let r = 10; r < 18; r++) for (let c = 0; c < 28; c++) drawn[r * 28 + c] = 1; // a horizontal band
    const rgb = viewImage({ kind: 'pixels', pixels: drawn }, { mnist: undefined }, [3, 56, 56]).pixels;
    assert.equal(rgb.length, 3 * 56 * 56);
    assert.deepEqual(Array.from(rgb.subarray(0, 3136)), Array.from(rgb.subarray(3136, 6272)));
    assert.equal(rgb[28 * 56 + 5], 1); // inside the band (rows 20…35 at twice the size)
    assert.equal(rgb[5 * 56 + 5], 0);
    const bars = viewImage({ kind: 'bars', index: 2 }, { mnist: undefined }, [3, 40, 24]);
    assert.equal(bars.pixels.length, 3 * 40 * 24);
    assert.ok(bars.pixels.some((v) => v > 0.5) && bars.pixels.every((v) => v >= 0 && v <= 1));
  });

  test('the example ResNet (3×32×32): feature maps of every layer, finite, at the analysed shapes', () => {
    const model = modelOf('examples/resnet_cifar_pytorch.py', 'SmallResNet');
    assert.deepEqual(model.inputShape, [3, 32, 32]);
    const reply = featureMapsJob({ model, seed: 1, input: { kind: 'shapes', index: 4 } }, { mnist: undefined });
    const a = analyseModel(model);
    assert.equal(reply.input.length, 3 * 32 * 32);
    assert.equal(reply.outputs.length, model.layers.length);
    reply.outputs.forEach((o, i) => {
      assert.deepEqual(o.shape, a.layers[i]!.outputShape, o.layer);
      assert.ok(o.values.every(Number.isFinite), o.layer);
    });
  });

  test('the corpus ResNet-18 (CIFAR variant, 11M parameters): feature maps of a 3×32×32 shape through all its blocks', () => {
    const model = modelOf('test/corpus/torch/resnet_cifar.py', 'ResNet18', [3, 32, 32]);
    const reply = featureMapsJob({ model, seed: 1, input: { kind: 'shapes', index: 2 } }, { mnist: undefined });
    const a = analyseModel(model);
    assert.equal(a.totals.params, 11_173_962);
    reply.outputs.forEach((o, i) => assert.deepEqual(o.shape, a.layers[i]!.outputShape, o.layer));
    assert.deepEqual(reply.outputs.at(-1)!.shape, [10]);
    assert.ok(reply.outputs.at(-1)!.values.every(Number.isFinite));
  });

  test('the corpus U-Net: feature maps down and up the U; the lab trains it to find the figure, pixel by pixel', () => {
    const model = modelOf('test/corpus/torch/unet_small.py', 'UNet', [3, 64, 64]);
    const reply = featureMapsJob({ model, seed: 1, input: { kind: 'bars', index: 0 } }, { mnist: undefined });
    assert.deepEqual(reply.outputs.at(-1)!.shape, [2, 64, 64]);
    assert.ok(reply.outputs.some((o) => o.layer.toLowerCase().includes('up') || o.shape[1] === 8));
    const view = buildModelView('file:///u.py', 'u.py', [model], [analyseModel(model)], 0)!;
    assert.equal(view.runnable, true, view.notRunnableReason ?? '');
    assert.equal(view.trainable, true, view.notTrainableReason ?? '');
    assert.deepEqual(view.datasets, ['bars', 'shapes']);
  });

  test('the ResNet trains on bars and shapes at its shape; MNIST is offered only to 28×28 models', () => {
    const model = modelOf('examples/resnet_cifar_pytorch.py', 'SmallResNet');
    const view = buildModelView('file:///r.py', 'r.py', [model], [analyseModel(model)], 0)!;
    assert.equal(view.trainable, true, view.notTrainableReason ?? '');
    assert.deepEqual(view.datasets, ['bars', 'shapes']);
    const lenet = modelOf('examples/mnist_cnn_pytorch.py', 'Net');
    assert.deepEqual(buildModelView('file:///l.py', 'l.py', [lenet], [analyseModel(lenet)], 0)!.datasets, ['mnist', 'bars', 'shapes']);
  });
});
