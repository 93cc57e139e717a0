import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, LECTURE_OUTPUT_TEXT, nextEvent } from './helpers';
import { LAB_VIEW_TYPE } from '../../extension/webview/labPanel';

suite('webviews', () => {
  test('the side view in the ConvLab container resolves', async () => {
    const api = await convlab();
    const resolved = api.sideView.current ? Promise.resolve(api.sideView.current) : nextEvent(api.sideView.onDidResolve);
    await vscode.commands.executeCommand('workbench.view.extension.convlab');
    const side = await resolved;
    assert.strictEqual(side.view, 'side');
    assert.strictEqual(await side.handleMessage({ type: 'runCommand', command: 'convlab.showLog' }), true);
    assert.strictEqual(await side.handleMessage({ type: 'runCommand', command: 'rm -rf /' }), false);
  });

  test('a revived panel (as after a window reload) shows the lesson again', async () => {
    const api = await convlab();
    // What VS Code does on reload: create the panel itself, then hand it to the serializer.
    const panel = vscode.window.createWebviewPanel(LAB_VIEW_TYPE, 'ConvLab', vscode.ViewColumn.One, {});
    const opened = nextEvent(api.lab.onDidOpen);
    await api.lab.deserializeWebviewPanel(panel, { mode: 'crossCorrelation', cell: 4 });
    const page = await opened;
    const shown = page.lastRendered ?? (await nextEvent(page.onDidRender));
    assert.deepStrictEqual(shown.output, LECTURE_OUTPUT_TEXT);
    assert.ok(panel.webview.options.enableScripts, 'options are re-applied on revival');
    panel.dispose();
    assert.strictEqual(api.lab.current, undefined);
  });
});
