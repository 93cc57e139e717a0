/**
 * The extension host never parses — the language server does: the host's bundles carry no
 * reader (not lezer, not the interpreter, not the .convlab.json parser; codegen uses only
 * the layer tables), and the host's rule for "is this a model file" agrees with the reader's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { modelFileType } from '../../../core/parse/detect';
import { isModelFileName } from '../../../extension/model/fileType';
import { REPO } from './lspClient';

test('the host decides model files as the reader does', () => {
  for (const [fileName, languageId] of [['m.py', 'python'], ['M.PY', undefined], ['a.pyw', undefined], ['x.convlab.json', 'json'], ['x.json', 'json'], ['notes.txt', 'plaintext'], ['Untitled-1', 'python'], ['cell', 'python']] as const) {
    assert.equal(isModelFileName(fileName, languageId), modelFileType({ fileName, languageId }) !== undefined, fileName);
  }
});

for (const entry of ['extension/web.ts', 'extension/node.ts']) {
  test(`${entry} bundles no Python reader: the language server parses, not the host`, async () => {
    const r = await esbuild.build({
      entryPoints: [path.join(REPO, entry)], bundle: true, write: false, metafile: true, logLevel: 'silent',
      platform: entry.includes('web') ? 'browser' : 'node', format: 'cjs', external: ['vscode'], mainFields: ['module', 'main'],
    });
    const inputs = Object.keys(r.metafile.inputs);
    assert.deepEqual(inputs.filter((i) => /@lezer\/python|core\/parse\/python\/(parsePython|interpreter)\.ts|core\/parse\/json\/parseConvlab/.test(i)), []);
  });
}
