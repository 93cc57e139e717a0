import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classCounts } from '../../../core/data/dataset';
import type { Dataset } from '../../../core/data/dataset';
import { barsDataset, PROCEDURAL_DATASETS, shapesDataset } from '../../../core/data/procedural';
import { drawInto, polygonDistance, segmentDistance } from '../../../core/data/raster';

const SIZE = 28;
const PIXELS = SIZE * SIZE;

test('segmentDistance and polygonDistance: unit square (0,0)–(1,1), centre −½ inside, (2,½) is 1 outside', () => {
  const square = [[0, 0], [1, 0], [1, 1], [0, 1]] as const;
  assert.equal(polygonDistance(0.5, 0.5, square), -0.5);
  assert.equal(polygonDistance(2, 0.5, square), 1);
  assert.equal(segmentDistance(3, 4, [0, 0], [0, 0]), 5);
  assert.equal(segmentDistance(0.5, 2, [0, 0], [1, 0]), 2);
});

test('drawInto inside a box that holds the figure equals drawing over the whole image', () => {
  const disc = (x: number, y: number): number => Math.hypot(x - 10, y - 12) - 4;
  const full = new Float32Array(PIXELS);
  const boxed = new Float32Array(PIXELS);
  drawInto(full, 0, SIZE, SIZE, disc, 0.8);
  drawInto(boxed, 0, SIZE, SIZE, disc, 0.8, [5, 7, 15, 17]);
  assert.deepEqual(boxed, full);
  assert.equal(full[12 * SIZE + 10], Math.fround(0.8), 'full ink inside');
  assert.equal(full[0], 0, 'no ink far outside');
});

for (const name of ['bars', 'shapes'] as const) {
  const make = PROCEDURAL_DATASETS[name];

  test(`${name}: [N,1,28,28] in [0,1], balanced labels, replayable from the seed`, () => {
    const a = make({ trainCount: 40, testCount: 8, seed: 3 });
    assert.equal(a.name, name);
    assert.deepEqual(a.inputShape, [1, SIZE, SIZE]);
    assert.equal(a.numClasses, 4);
    assert.equal(a.train.images.length, 40 * PIXELS);
    assert.ok(a.train.images.every((v) => v >= 0 && v <= 1));
    assert.deepEqual(classCounts(a.train, 4), [10, 10, 10, 10]);
    const b = make({ trainCount: 40, testCount: 8, seed: 3 });
    assert.deepEqual(a.train.images, b.train.images);
    assert.notDeepEqual(a.train.images, make({ trainCount: 40, testCount: 8, seed: 4 }).train.images);
    // The test set comes from its own stream: it does not change with the training count.
    assert.deepEqual(make({ trainCount: 4, testCount: 8, seed: 3 }).test.images, a.test.images);
  });

  test(`${name}: without noise the background is exactly 0 and every image has ink`, () => {
    const ds = make({ trainCount: 20, testCount: 0, seed: 1, noise: 0 });
    for (let n = 0; n < ds.train.count; n++) {
      const img = ds.train.images.subarray(n * PIXELS, (n + 1) * PIXELS);
      assert.equal(img[0], 0, `image ${n} corner`);
      assert.ok(img.reduce((s, v) => s + v, 0) > 8, `image ${n} has ink`);
    }
  });
}

/** The covariance of the ink's (x, y) positions in one image: the orientation of a bar. */
function inkMoments(ds: Dataset, n: number): { varX: number; varY: number; covXY: number } {
  let m = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < SIZE; i++) {
    for (let j = 0; j < SIZE; j++) {
      const w = ds.train.images[n * PIXELS + i * SIZE + j]!;
      m += w; sx += w * j; sy += w * i; sxx += w * j * j; syy += w * i * i; sxy += w * i * j;
    }
  }
  const mx = sx / m, my = sy / m;
  return { varX: sxx / m - mx * mx, varY: syy / m - my * my, covXY: sxy / m - mx * my };
}

test('bars: the ink is horizontal, vertical, diagonal (↘, rows grow down) or anti-diagonal (↗) as the label says', () => {
  const ds = barsDataset({ trainCount: 200, testCount: 0, seed: 9, noise: 0 });
  for (let n = 0; n < ds.train.count; n++) {
    const { varX, varY, covXY } = inkMoments(ds, n);
    const cls = ds.classNames[ds.train.labels[n]!];
    const why = `image ${n} (${cls}): varX ${varX.toFixed(1)} varY ${varY.toFixed(1)} cov ${covXY.toFixed(1)}`;
    if (cls === 'horizontal') assert.ok(varX > 4 * varY, why);
    else if (cls === 'vertical') assert.ok(varY > 4 * varX, why);
    else if (cls === 'diagonal') assert.ok(covXY > 0.6 * Math.sqrt(varX * varY), why);
    else assert.ok(covXY < -0.6 * Math.sqrt(varX * varY), why);
  }
});

test('shapes: the outlines (square, circle, triangle) leave their centre empty; the cross inks it', () => {
  const ds = shapesDataset({ trainCount: 200, testCount: 0, seed: 2, noise: 0 });
  for (let n = 0; n < ds.train.count; n++) {
    // The ink's centroid is the figure's centre for all four (regular figures, symmetric strokes).
    let m = 0, sx = 0, sy = 0;
    for (let k = 0; k < PIXELS; k++) {
      const w = ds.train.images[n * PIXELS + k]!;
      m += w; sx += w * (k % SIZE); sy += w * Math.floor(k / SIZE);
    }
    const centre = ds.train.images[n * PIXELS + Math.round(sy / m) * SIZE + Math.round(sx / m)]!;
    const cls = ds.classNames[ds.train.labels[n]!];
    if (cls === 'cross') assert.ok(centre > 0.3, `image ${n} cross centre ${centre}`);
    else assert.ok(centre < 0.05, `image ${n} ${cls} centre ${centre}`);
  }
});
