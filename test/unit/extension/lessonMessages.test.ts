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
