import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEACHING_CNN } from '../../../core/model/teachingCnn';
import { LECTURE_DROPOUT_MODEL, receptiveFieldGrowth, stackModel } from '../../../core/lessons';

const sizes = (g: ReturnType<typeof receptiveFieldGrowth>): (number | null)[] => g.steps.map((s) => s.field?.rows.size ?? null);

test('conv 3, conv 3, max-pool 2, conv 3 dilated 2: fields 1 → 3 → 5 → 6 → 14, the jump doubling at the pool', () => {
  const g = receptiveFieldGrowth(stackModel([1, 28, 28], [
    { kind: 'conv', kernel: 3 }, { kind: 'conv', kernel: 3 }, { kind: 'maxPool', kernel: 2 }, { kind: 'conv', kernel: 3, dilation: 2 },
  ]));
  assert.equal(g.problem, null);
  assert.deepEqual(sizes(g), [1, 3, 5, 6, 14]);
  assert.deepEqual(g.steps.map((s) => s.field?.rows.jump), [1, 1, 1, 2, 2]);
  assert.equal(g.steps[1]!.growth, '1 + (3 − 1)·1·1 = 3, jump 1·1 = 1');
  assert.equal(g.steps[4]!.growth, '6 + (3 − 1)·2·2 = 14, jump 2·1 = 2', 'dilation 2 times the pooled jump 2');
});

test('boxes on the input grow around the chosen pixel (13, 13) of 28×28', () => {
  const g = receptiveFieldGrowth(stackModel([1, 28, 28], [{ kind: 'conv', kernel: 3 }, { kind: 'conv', kernel: 3 }, { kind: 'conv', kernel: 5, stride: 2 }]));
  assert.deepEqual(g.at, [13, 13]);
  assert.deepEqual(g.steps[0]!.box, { top: 13, left: 13, bottom: 13, right: 13 });
  assert.deepEqual(g.steps[1]!.box, { top: 12, left: 12, bottom: 14, right: 14 });
  assert.deepEqual(g.steps[1]!.unit, [12, 12], 'valid conv: unit 12 is centred on pixel 13');
  assert.deepEqual(g.steps[2]!.box, { top: 11, left: 11, bottom: 15, right: 15 });
  const last = g.steps[3]!;
  assert.equal(last.field!.rows.size, 9);
  assert.equal(last.box!.bottom - last.box!.top + 1, 9);
  assert.ok(last.box!.top <= 13 && last.box!.bottom >= 13, 'the box still holds the chosen pixel');
});

test('a pixel at the corner: padded fields reach outside the image, and the clipped box stays inside', () => {
  const g = receptiveFieldGrowth(stackModel([1, 10, 10], [{ kind: 'conv', kernel: 5, padding: 'same' }]), { at: [0, 0] });
  assert.deepEqual(g.steps[1]!.box, { top: -2, left: -2, bottom: 2, right: 2 });
  assert.deepEqual(g.steps[1]!.clipped, { top: 0, left: 0, bottom: 2, right: 2 });
});

test('through the teaching CNN the field grows 1 → 3 → 4 → 8 → 10 and the dense layer sees the whole map', () => {
  const g = receptiveFieldGrowth(TEACHING_CNN);
  assert.deepEqual(sizes(g).slice(0, 5), [1, 3, 4, 8, 10]);
  const dense = g.steps.at(-1)!;
  assert.equal(dense.field!.global, true);
  assert.match(dense.growth, /sees the whole input/);
  assert.equal(g.steps[5]!.growth, 'unchanged: this layer works on each position alone', 'Flatten moves nothing');
});

test('a model on vectors has no receptive fields, and says so', () => {
  const g = receptiveFieldGrowth(LECTURE_DROPOUT_MODEL);
  assert.match(g.problem!, /not an image/);
  assert.deepEqual(g.steps, []);
});
