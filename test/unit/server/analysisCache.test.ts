// The server's analysis cache: one read per text and settings, whatever the version says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../../server/analyse';
import { DEFAULT_SETTINGS } from '../../../server/settings';

const MODEL = 'import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3)])\n';

test('the same version is read once; a new version with the same text keeps the analysis and takes the new version', () => {
  const cache = new AnalysisCache();
  const v1 = TextDocument.create('file:///m.py', 'python', 1, MODEL);
  const first = cache.get(v1, DEFAULT_SETTINGS)!;
  assert.equal(cache.get(v1, DEFAULT_SETTINGS), first);
  const v2 = TextDocument.update(v1, [{ text: MODEL }], 2);
  const second = cache.get(v2, DEFAULT_SETTINGS)!;
  assert.equal(second.version, 2);
  assert.equal(second.parse, first.parse, 'not read again');
  assert.equal(second.analyses, first.analyses);
  assert.equal(cache.get(v2, DEFAULT_SETTINGS), second);
});

test('a changed text or changed settings read the file again', () => {
  const cache = new AnalysisCache();
  const v1 = TextDocument.create('file:///m.py', 'python', 1, MODEL);
  const first = cache.get(v1, DEFAULT_SETTINGS)!;
  const edited = TextDocument.update(v1, [{ text: MODEL.replace('Conv2D(8', 'Conv2D(16') }], 2);
  const second = cache.get(edited, DEFAULT_SETTINGS)!;
  assert.notEqual(second.parse, first.parse);
  assert.match(JSON.stringify(second.parse.models[0]!.layers), /"filters":16/);
  const third = cache.get(edited, { ...DEFAULT_SETTINGS, defaultInputShape: [1, 28, 28] })!;
  assert.notEqual(third.parse, second.parse);
});

test('a forgotten document is read again', () => {
  const cache = new AnalysisCache();
  const doc = TextDocument.create('file:///m.py', 'python', 1, MODEL);
  const first = cache.get(doc, DEFAULT_SETTINGS)!;
  cache.forget(doc.uri);
  assert.notEqual(cache.get(doc, DEFAULT_SETTINGS)!.parse, first.parse);
});
