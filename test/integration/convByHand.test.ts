import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, LECTURE_CONVOLUTION_TEXT, LECTURE_OUTPUT_TEXT, nextEvent } from './helpers';
import type { PageHost } from '../../extension/webview/pageHost';

suite('Convolution by Hand', () => {
  let page: PageHost;

  test('the command opens the panel and the page shows the lecture output', async () => {
    const api = await convlab();
    const opened = nextEvent(api.lab.onDidOpen);
    await vscode.commands.executeCommand('convlab.convByHand');
    page = await opened;
    const shown = page.lastRendered ?? (await nextEvent(page.onDidRender));
    assert.strictEqual(shown.mode, 'crossCorrelation');
    assert.deepStrictEqual(shown.output, LECTURE_OUTPUT_TEXT);
  });

  test('switching to true convolution shows the flipped kernel\'s result', async () => {
    const rendered = nextEvent(page.onDidRender, (m) => m.mode === 'convolution');
    assert.strictEqual(await page.handleMessage({ type: 'setConvMode', mode: 'convolution' }), true);
    assert.deepStrictEqual((await rendered).output, LECTURE_CONVOLUTION_TEXT);
    const back = nextEvent(page.onDidRender, (m) => m.mode === 'crossCorrelation');
    await page.handleMessage({ type: 'setConvMode', mode: 'crossCorrelation' });
    assert.deepStrictEqual((await back).output, LECTURE_OUTPUT_TEXT);
  });

  test('malformed messages from the page are rejected without harm', async () => {
    const bad: unknown[] = [
      'junk',
      null,
      42,
      { type: 'setConvMode', mode: 'sideways' },
      { type: 'runCommand', command: 'workbench.action.closeWindow' },
      { type: 'rendered', view: 'convByHand', mode: 'convolution', output: [[1, 2]] },
      { type: 'noSuchMessage' },
    ];
    for (const raw of bad) assert.strictEqual(await page.handleMessage(raw), false, `rejected ${JSON.stringify(raw)}`);
    // The page still works afterwards.
    const rendered = nextEvent(page.onDidRender);
    assert.strictEqual(await page.handleMessage({ type: 'ready' }), true);
    assert.deepStrictEqual((await rendered).output, LECTURE_OUTPUT_TEXT);
  });

  test('running the command again reveals the same panel', async () => {
    const api = await convlab();
    await vscode.commands.executeCommand('convlab.convByHand');
    assert.strictEqual(api.lab.current, page);
  });
});
