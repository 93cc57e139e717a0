// Receptive fields against published values (VGG16: 212; AlexNet: 195; dilated 3×3 stacks
// 3, 7, 15 as in Yu & Koltun 2016) and against an independent computation that composes
// each window's index map directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseModel, unitInputBox } from '../../../core/analysis';
import type { LayerSpec } from '../../../core/model/ir';
import { Random } from '../../../core/random';
import { conv, dense, flatten, maxPool, model } from './builders';

const sizes = (specs: readonly LayerSpec[], input = [3, 224, 224]): (number | undefined)[] =>
  analyseModel(model(input, specs)).layers.map((l) => l.receptiveField?.rows.size);

test('rf: two 3×3 convs see 5×5, three see 7×7 (VGG\'s argument for small kernels)', () => {
  assert.deepEqual(sizes([conv(8, 3), conv(8, 3)]), [3, 5]);
  assert.deepEqual(sizes([conv(8, 3), conv(8, 3), conv(8, 3)]), [3, 5, 7]);
});

test('rf: conv3, conv3, pool2 s2, conv3, conv3 gives 3, 5, 6, 10, 14 with jumps 1, 1, 2, 2, 2', () => {
  const a = analyseModel(model([3, 64, 64], [conv(8, 3, { padding: 'same' }), conv(8, 3, { padding: 'same' }), maxPool(2), conv(8, 3, { padding: 'same' }), conv(8, 3, { padding: 'same' })]));
  assert.deepEqual(a.layers.map((l) => l.receptiveField!.rows.size), [3, 5, 6, 10, 14]);
  assert.deepEqual(a.layers.map((l) => l.receptiveField!.rows.jump), [1, 1, 2, 2, 2]);
  // 'same' 3×3 pads 1 on each side, so the first unit stays centred on pixel 0; the
  // pool's 2×2 window moves the centre half a pixel.
  assert.deepEqual(a.layers.map((l) => l.receptiveField!.rows.start), [0, 0, 0.5, 0.5, 0.5]);
});

test('rf: VGG16 conv stack on 224×224 reaches 212 at pool5 (jump 32)', () => {
  const block = (filters: number, n: number): LayerSpec[] => [...Array.from({ length: n }, () => conv(filters, 3, { padding: 'same' })), maxPool(2)];
  const vgg = [...block(64, 2), ...block(128, 2), ...block(256, 3), ...block(512, 3), ...block(512, 3)];
  const a = analyseModel(model([3, 224, 224], vgg));
  assert.deepEqual(a.layers.map((l) => l.receptiveField!.rows.size), [3, 5, 6, 10, 14, 16, 24, 32, 40, 44, 60, 76, 92, 100, 132, 164, 196, 212]);
  const pool5 = a.layers[17]!;
  assert.deepEqual(pool5.outputShape, [512, 7, 7]);
  assert.equal(pool5.receptiveField!.rows.jump, 32);
  assert.equal(pool5.receptiveField!.rows.start, 15.5);
  assert.equal(a.totals.params, 14714688, 'VGG16 without its classifier: 14,714,688 parameters');
});

test('rf: AlexNet (227×227, conv 11 s4, pool 3 s2, conv 5 p2, …) reaches 195 at pool5', () => {
  const a = analyseModel(model([3, 227, 227], [
    conv(96, 11, { strides: 4 }), maxPool(3, { strides: 2 }),
    conv(256, 5, { padding: [2, 2] }), maxPool(3, { strides: 2 }),
    conv(384, 3, { padding: [1, 1] }), conv(384, 3, { padding: [1, 1] }), conv(256, 3, { padding: [1, 1] }), maxPool(3, { strides: 2 }),
  ]));
  assert.deepEqual(a.layers.map((l) => l.receptiveField!.rows.size), [11, 19, 51, 67, 99, 131, 163, 195]);
  assert.deepEqual(a.layers[0]!.outputShape, [96, 55, 55]);
  assert.deepEqual(a.layers[7]!.outputShape, [256, 6, 6]);
});

test('rf: dilated 3×3 convs with d = 1, 2, 4 see 3, 7, 15 (exponential growth, linear parameters)', () => {
  const a = analyseModel(model([1, 32, 32], [1, 2, 4].map((d) => conv(4, 3, { dilation: d, padding: [d, d] }))));
  assert.deepEqual(a.layers.map((l) => l.receptiveField!.rows.size), [3, 7, 15]);
  assert.deepEqual(a.layers.map((l) => l.outputShape), [[4, 32, 32], [4, 32, 32], [4, 32, 32]]);
});

test('rf: rows and cols follow their own kernel, stride and padding', () => {
  const a = analyseModel(model([1, 20, 30], [conv(4, [1, 5], { strides: [1, 2] }), conv(4, [3, 1])]));
  const rf = a.layers[1]!.receptiveField!;
  assert.deepEqual(rf.rows, { size: 3, jump: 1, start: 1 });
  assert.deepEqual(rf.cols, { size: 5, jump: 2, start: 2 });
});

test('rf: unit (u, v) of conv3 valid + pool2 looks at input rows 2u…2u+3', () => {
  const rf = analyseModel(model([1, 10, 10], [conv(1, 3), maxPool(2)])).layers[1]!.receptiveField!;
  assert.deepEqual(unitInputBox(rf, 0, 0), { top: 0, left: 0, bottom: 3, right: 3 });
  assert.deepEqual(unitInputBox(rf, 1, 3), { top: 2, left: 6, bottom: 5, right: 9 });
});

test('rf: Dense after Flatten sees the whole last map (global); in the MNIST convnet that is 26 of 28 rows', () => {
  const a = analyseModel(model([1, 28, 28], [conv(32, 3), maxPool(2), conv(64, 3), maxPool(2), flatten, dense(10)]));
  assert.equal(a.layers[4]!.receptiveField!.global, false, 'Flatten only relabels units');
  const out = a.layers[5]!.receptiveField!;
  assert.equal(out.global, true);
  // 5 units of field 10 and jump 4 span 10 + 4·4 = 26: the floors of the two pools drop
  // the last two rows and columns of the image.
  assert.equal(out.rows.size, 26);
  assert.deepEqual(unitInputBox(out, 0, 0), { top: 0, left: 0, bottom: 25, right: 25 });
});

test('rf: global average pooling is global; a vector input has no receptive field', () => {
  const a = analyseModel(model([3, 8, 8], [conv(4, 3), { kind: 'globalAvgPool2d' }]));
  assert.equal(a.layers[1]!.receptiveField!.global, true);
  assert.equal(a.layers[1]!.receptiveField!.rows.size, 8);
  assert.equal(analyseModel(model([784], [dense(10)])).layers[0]!.receptiveField, null);
});

// An independent check: compose each layer's index map, out o ← in o·s − pad + i·d
// (i = 0 … k−1), from a unit back to the input, and compare the first and last input
// index reached with the box the recurrence gives.
test('rf: 200 random conv/pool stacks agree with composing the index maps directly', () => {
  const random = new Random(2024);
  let compared = 0;
  for (let trial = 0; trial < 200; trial++) {
    const specs: LayerSpec[] = [];
    const depth = 1 + random.int(5);
    for (let i = 0; i < depth; i++) {
      const k = 1 + random.int(4);
      const s = 1 + random.int(2);
      if (random.bernoulli(0.7)) {
        const d = s === 1 ? 1 + random.int(2) : 1;
        const padding = random.bernoulli(0.5) ? 'same' as const : [random.int(2), random.int(2)] as const;
        specs.push(conv(2, [k, 1 + random.int(3)], { strides: [s, 1 + random.int(2)], dilation: [d, 1], padding }));
      } else {
        specs.push(maxPool([Math.max(k, 2), 2], { strides: [s, 2] }));
      }
    }
    const a = analyseModel(model([1, 64, 64], specs));
    const last = a.layers[a.layers.length - 1]!;
    if (!last.outputShape) continue; // a window outgrew the map: nothing to compare
    compared++;
    const [, h, w] = last.outputShape as [number, number, number];
    const u = random.int(h);
    const v = random.int(w);
    let rows: [number, number] = [u, u];
    let cols: [number, number] = [v, v];
    for (let i = a.layers.length - 1; i >= 0; i--) {
      const win = a.layers[i]!.window!;
      const back = (span: [number, number], ax: typeof win.rows): [number, number] =>
        [span[0] * ax.stride - ax.padBefore, span[1] * ax.stride - ax.padBefore + (ax.kernel - 1) * ax.dilation];
      rows = back(rows, win.rows);
      cols = back(cols, win.cols);
    }
    const box = unitInputBox(last.receptiveField!, u, v);
    assert.deepEqual([box.top, box.bottom, box.left, box.right], [...rows, ...cols], `trial ${trial}: ${JSON.stringify(specs)} unit (${u}, ${v})`);
  }
  assert.ok(compared > 150, `only ${compared} of 200 stacks had an output to compare`);
});
