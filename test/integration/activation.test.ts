import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, EXTENSION_ID } from './helpers';
import { gridFromRows, gridToRows } from '../../core/conv/byHand';
import { LECTURE_INPUT_5X5, LECTURE_KERNEL_3X3, LECTURE_OUTPUT_3X3 } from '../../core/lecture';

suite('activation and worker', () => {
  test('the extension activates and contributes its commands', async () => {
    const api = await convlab();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(api.worker, 'the API exposes the worker client');
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['convlab.convByHand', 'convlab.showLog']) assert.ok(commands.includes(id), `${id} is registered`);
  });

  test('the worker answers in the web extension host (a Web Worker)', async () => {
    const api = await convlab();
    const pong = await api.worker.request('ping', {});
    assert.strictEqual(typeof pong.workerId, 'string');
    const r = await api.worker.request('convByHand', {
      input: gridFromRows(LECTURE_INPUT_5X5),
      kernel: gridFromRows(LECTURE_KERNEL_3X3),
      mode: 'crossCorrelation',
      window: { stride: 1, padding: 0, dilation: 1 },
    });
    assert.deepStrictEqual(gridToRows(r.output), LECTURE_OUTPUT_3X3);
  });

  test('a restarted worker is replaced by a new one on the next request', async () => {
    const api = await convlab();
    const before = await api.worker.request('ping', {});
    const started = api.worker.startedWorkers;
    api.worker.restart('stopped by the test');
    const after = await api.worker.request('ping', {});
    assert.notStrictEqual(after.workerId, before.workerId);
    assert.strictEqual(api.worker.startedWorkers, started + 1);
  });
});
