/** The keyboard's way through a layer's feature maps: the same units a click selects. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { moveUnit } from '../../../webview/lab/featureMaps';

const map = { layer: 2, channels: 4, rows: 13, cols: 13 };

test('the first key selects the first unit; arrows then move within the map', () => {
  const first = moveUnit(undefined, 'ArrowRight', map);
  assert.deepEqual(first, { layer: 2, channel: 0, row: 0, col: 0 });
  assert.deepEqual(moveUnit(first, 'ArrowRight', map), { layer: 2, channel: 0, row: 0, col: 1 });
  assert.deepEqual(moveUnit({ layer: 2, channel: 1, row: 5, col: 5 }, 'ArrowUp', map), { layer: 2, channel: 1, row: 4, col: 5 });
  assert.deepEqual(moveUnit({ layer: 2, channel: 1, row: 5, col: 5 }, 'ArrowDown', map), { layer: 2, channel: 1, row: 6, col: 5 });
});

test('edges hold: no unit outside the map, no channel outside the layer', () => {
  assert.deepEqual(moveUnit({ layer: 2, channel: 0, row: 0, col: 0 }, 'ArrowLeft', map), { layer: 2, channel: 0, row: 0, col: 0 });
  assert.deepEqual(moveUnit({ layer: 2, channel: 3, row: 12, col: 12 }, 'ArrowDown', map), { layer: 2, channel: 3, row: 12, col: 12 });
  assert.deepEqual(moveUnit({ layer: 2, channel: 3, row: 7, col: 1 }, 'PageDown', map), { layer: 2, channel: 3, row: 7, col: 1 });
  assert.deepEqual(moveUnit({ layer: 2, channel: 3, row: 7, col: 1 }, 'PageUp', map), { layer: 2, channel: 2, row: 7, col: 1 });
});

test('other keys leave the selection to the page', () => {
  assert.equal(moveUnit(undefined, 'Tab', map), undefined);
  assert.equal(moveUnit({ layer: 2, channel: 0, row: 1, col: 1 }, 'Enter', map), undefined);
});
