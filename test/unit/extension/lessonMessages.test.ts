/** The lesson views' messages, checked both ways: what the page may send, and what the page accepts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../extension/webview/validate';

test('from the page: lesson actions, kernel edits and code requests pass; malformed ones are dropped', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'lessonAction', lesson: 'dropout', action: 'resampleMask' }), { type: 'lessonAction', lesson: 'dropout', action: 'resampleMask' });
  assert.ok(parseWebviewMessage({ type: 'editKernel', lesson: 'sobel', kernel: 'gx', values: [1, 2, 1, 0, 0, 0, -1, -2, -1] }));
  assert.ok(parseWebviewMessage({ type: 'writeLessonCode', lesson: 'variableSize', model: 1, framework: 'pytorch' }));
  assert.ok(parseWebviewMessage({ type: 'ready', view: 'lesson', lesson: 'sobel' }));
  assert.ok(parseWebviewMessage({ type: 'rendered', view: 'lesson', lesson: 'sobel', sections: ['maps'], values: { gx: '1 2 1' } }));
  const bad: unknown[] = [
    { type: 'lessonAction', lesson: 'dropout', action: 'rm -rf' },
    { type: 'lessonAction', lesson: 'convByHand', action: 'resampleMask' },
    { type: 'editKernel', lesson: 'sobel', kernel: 'gx', values: [1, 2, 3] },
    { type: 'editKernel', lesson: 'sobel', kernel: 'gz', values: [0, 0, 0, 0, 1, 0, 0, 0, 0] },
    { type: 'editKernel', lesson: 'sobel', kernel: 'gx', values: [0, 0, 0, 0, Infinity, 0, 0, 0, 0] },
    { type: 'editKernel', lesson: 'sobel', kernel: 'gx', values: [0, 0, 0, 0, 1e9, 0, 0, 0, 0] },
    { type: 'writeLessonCode', lesson: 'dropout', model: -1, framework: 'keras' },
    { type: 'writeLessonCode', lesson: 'dropout', model: 0, framework: 'jax' },
    { type: 'ready', view: 'lesson', lesson: 'nope' },
    { type: 'rendered', view: 'lesson', lesson: 'sobel', sections: [1], values: {} },
    { type: 'rendered', view: 'lesson', lesson: 'sobel', sections: [], values: { a: 1 } },
  ];
  for (const raw of bad) assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
});

test('to the page: a lesson page passes; a map whose data does not fill it, or a table of numbers, is dropped', async () => {
  const { parseHostMessage } = await import('../../../webview/validate');
  const section = { id: 'maps', heading: 'Maps', paragraphs: ['p'], tables: [{ caption: 'c', header: ['a'], rows: [['1']] }],
    maps: [{ caption: 'm', rows: 2, cols: 2, data: [0, 1, 2, 3], kind: 'diverging' }], values: { x: '1' } };
  const data = { lesson: 'sobel', title: 'Edges', intro: 'i', models: ['sobel'], sections: [section] };
  assert.ok(parseHostMessage({ type: 'lesson', data }));
  assert.equal(parseHostMessage({ type: 'lesson', data: { ...data, sections: [{ ...section, maps: [{ ...section.maps[0], data: [1] }] }] } }), undefined);
  assert.equal(parseHostMessage({ type: 'lesson', data: { ...data, sections: [{ ...section, tables: [{ caption: 'c', header: ['a'], rows: [[1]] }] }] } }), undefined);
  assert.equal(parseHostMessage({ type: 'lesson', data: { ...data, lesson: 'other' } }), undefined);
});

test('image files both ways: decodeImage to the page bounded and typed; the grey grid back bounded to 128 a side, values in [0, 1]', async () => {
  const { parseHostMessage } = await import('../../../webview/validate');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  assert.ok(parseHostMessage({ type: 'decodeImage', token: 1, name: 'a.png', mime: 'image/png', bytes: png }));
  for (const bad of [
    { type: 'decodeImage', token: 1, name: 'a.gif', mime: 'image/gif', bytes: png },
    { type: 'decodeImage', token: 1, name: 'a.png', mime: 'image/png', bytes: [1, 2, 3] },
    { type: 'decodeImage', token: 1, name: 'a.png', mime: 'image/png', bytes: new Uint8Array(0) },
    { type: 'decodeImage', token: -1, name: 'a.png', mime: 'image/png', bytes: png },
  ]) assert.equal(parseHostMessage(bad), undefined, JSON.stringify(bad));

  const grid = { rows: 3, cols: 4, data: new Array(12).fill(0.5) };
  assert.deepEqual(parseWebviewMessage({ type: 'decodedImage', token: 7, ok: true, width: 40, height: 30, image: grid }),
    { type: 'decodedImage', token: 7, ok: true, width: 40, height: 30, image: grid });
  assert.deepEqual(parseWebviewMessage({ type: 'decodedImage', token: 7, ok: false, error: 'no' }), { type: 'decodedImage', token: 7, ok: false, error: 'no' });
  for (const bad of [
    { type: 'decodedImage', token: 7, ok: true, width: 40, height: 30, image: { rows: 129, cols: 4, data: new Array(516).fill(0) } },
    { type: 'decodedImage', token: 7, ok: true, width: 40, height: 30, image: { rows: 2, cols: 4, data: new Array(8).fill(0) } },
    { type: 'decodedImage', token: 7, ok: true, width: 40, height: 30, image: { ...grid, data: [...grid.data.slice(1), 1.5] } },
    { type: 'decodedImage', token: 7, ok: true, width: 40, height: 30, image: { ...grid, data: grid.data.slice(1) } },
    { type: 'decodedImage', token: 7, ok: true, width: 0, height: 30, image: grid },
    { type: 'decodedImage', token: 'x', ok: false, error: 'no' },
    { type: 'decodedImage', token: 7, ok: false, error: 'x'.repeat(501) },
  ]) assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad).slice(0, 120));
});

test('lesson fields and new actions: an MNIST index 0…9999 for the Sobel lesson only; notices and fields in a section', async () => {
  assert.ok(parseWebviewMessage({ type: 'lessonInput', lesson: 'sobel', name: 'mnistIndex', value: 9999 }));
  assert.equal(parseWebviewMessage({ type: 'lessonInput', lesson: 'sobel', name: 'mnistIndex', value: 10_000 }), undefined);
  assert.equal(parseWebviewMessage({ type: 'lessonInput', lesson: 'sobel', name: 'mnistIndex', value: 1.5 }), undefined);
  assert.equal(parseWebviewMessage({ type: 'lessonInput', lesson: 'dropout', name: 'mnistIndex', value: 1 }), undefined);
  assert.equal(parseWebviewMessage({ type: 'lessonInput', lesson: 'sobel', name: 'other', value: 1 }), undefined);
  for (const action of ['sobelMnist', 'sobelOpenFile', 'openExample']) assert.ok(parseWebviewMessage({ type: 'lessonAction', lesson: 'sobel', action }), action);
  assert.ok(parseWebviewMessage({ type: 'rendered', view: 'lesson', lesson: 'sobel', sections: [], values: {}, notices: ['bad file'] }));
  assert.equal(parseWebviewMessage({ type: 'rendered', view: 'lesson', lesson: 'sobel', sections: [], values: {}, notices: [1] }), undefined);

  const { parseHostMessage } = await import('../../../webview/validate');
  const section = { id: 'image', heading: 'Image', paragraphs: [], tables: [], inputs: [{ name: 'mnistIndex', label: '#', value: 0, min: 0, max: 9999 }], notice: { kind: 'error', text: 'x' } };
  const data = { lesson: 'sobel', title: 'Edges', intro: 'i', models: [], sections: [section] };
  assert.ok(parseHostMessage({ type: 'lesson', data }));
  assert.equal(parseHostMessage({ type: 'lesson', data: { ...data, sections: [{ ...section, notice: { kind: 'shout', text: 'x' } }] } }), undefined);
  assert.equal(parseHostMessage({ type: 'lesson', data: { ...data, sections: [{ ...section, inputs: [{ name: 'mnistIndex', label: '#', value: 'a', min: 0, max: 1 }] }] } }), undefined);
});
