import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, EXTENSION_ID } from './helpers';
import { compareModels } from '../../core/codegen';
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

suite('contributions', () => {
  test('every contributed command is registered', async () => {
    const api = await convlab();
    assert.ok(api);
    const registered = new Set(await vscode.commands.getCommands(true));
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, []);
  });

  test('the worker runs the WebAssembly SIMD kernels in the web extension host', async () => {
    const api = await convlab();
    const pong = await api.worker.request('ping', {});
    assert.strictEqual(pong.kernels, 'wasm', `kernels: ${pong.kernels} (${pong.kernelsReason ?? ''})`);
  });

  test('Write Model as PyTorch Code writes the active model as code that ConvLab reads back as the same model', async () => {
    const api = await convlab();
    const [uri] = await vscode.workspace.findFiles('**/mnist_cnn_keras.py');
    const source = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri!));
    const original = (await api.models.get(source.document))!.parse.models[0]!;
    const written = await vscode.commands.executeCommand<vscode.TextEditor>('convlab.writePyTorch');
    assert.ok(written, 'an editor with the code');
    assert.match(written.document.getText(), /class \w+\(nn\.Module\)/);
    const back = (await api.models.get(written.document))!.parse.models[0]!;
    // The same model up to how it is written (Conv2D(activation='relu') ≡ nn.Conv2d then ReLU).
    assert.deepStrictEqual(compareModels(original, back).differences, []);
    assert.strictEqual((await api.models.get(written.document))!.analyses[0]!.totals.params, 34826);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
