/**
 * Each lesson opened by its command in the real VS Code web build: the numbers the page
 * reports it shows (read back from its DOM) are the lecture's; the depth experiment streams
 * a result in the worker on a tiny setting and can be cancelled.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LessonName } from '../../webview/protocol';
import type { PageHost } from '../../extension/webview/pageHost';
import { QUICK_DEPTH_SETTINGS, type DepthSettings } from '../../core/lessons';
import { convlab, EXTENSION_ID, nextEvent } from './helpers';

type Shown = NonNullable<PageHost['lastLessonRendered']>;

/** Runs a lesson's command and waits for the page to report that lesson's numbers. */
async function openLesson(lesson: LessonName): Promise<{ page: PageHost; shown: Shown }> {
  const api = await convlab();
  const wasOpen = api.lab.current;
  const opened = wasOpen ? Promise.resolve(wasOpen) : nextEvent(api.lab.onDidOpen);
  const done = vscode.commands.executeCommand(`convlab.lesson.${lesson}`);
  const page = await opened;
  const shown = await nextEvent(page.onDidRenderLesson, (m) => m.lesson === lesson, 20_000);
  await done;
  return { page, shown };
}

const TINY: DepthSettings = { ...QUICK_DEPTH_SETTINGS, depths: [0, 1], dataset: { name: 'bars', trainCount: 64, testCount: 32, seed: 0 }, epochs: 1 };

suite('Lessons', () => {
  test('the walkthrough: every step\'s buttons run commands this window has registered', async () => {
    await convlab();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { walkthroughs: { steps: { id: string; description: string }[] }[] } };
    const steps = pkg.contributes.walkthroughs[0]!.steps;
    assert.strictEqual(steps.length, 13);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);
      assert.ok(links.length > 0, step.id);
      for (const id of links) assert.ok(registered.has(id), `${step.id}: ${id} is not registered`);
    }
  });


  test('dropout: a sampled mask, 2^4096 ≈ 10^1233, p(w1x1 + w2x2) = 2.5, both conventions agree', async () => {
    const { page, shown } = await openLesson('dropout');
    assert.deepStrictEqual(shown.sections, ['forward', 'ensemble', 'singleNeuron', 'testTime', 'code']);
    assert.match(shown.values.masks4096!, /^2\^4096 ≈ 10\^1233/);
    assert.strictEqual(shown.values.exponent4096, '1233');
    assert.strictEqual(shown.values.expectation, '2.5');
    assert.match(shown.values.closedForm!, /= 2\.5$/);
    assert.strictEqual(shown.values.neuronStandard, '2.5 = 2.5');
    assert.strictEqual(shown.values.neuronInverted, '5 = 5');
    assert.match(shown.values.kept!, /of 12 units/);
    // Another mask: a new pass, the mask number moves on.
    const next = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'dropout' && m.values.mask === '2');
    assert.strictEqual(await page.handleMessage({ type: 'lessonAction', lesson: 'dropout', action: 'resampleMask' }), true);
    await next;
  });

  test('dense versus convolution: the lecture\'s parameter and connection counts', async () => {
    const { shown } = await openLesson('denseVsConv');
    assert.ok(shown.sections.includes('locallyConnected'));
    assert.strictEqual(shown.values.denseParams, '16,981,120');
    assert.strictEqual(shown.values.denseConnections, '16,959,488');
    assert.strictEqual(shown.values.locallyConnectedParams, '216,320');
    assert.strictEqual(shown.values.convParams, '320');
    assert.strictEqual(shown.values.convConnections, '194,688');
  });

  test('sobel: editing G_x updates the maps at once', async () => {
    const { page, shown } = await openLesson('sobel');
    assert.strictEqual(shown.values.gx, '1 2 1 0 0 0 −1 −2 −1');
    const edited = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'sobel' && m.values.gx === '0 0 0 0 1 0 0 0 0');
    assert.strictEqual(await page.handleMessage({ type: 'editKernel', lesson: 'sobel', kernel: 'gx', values: [0, 0, 0, 0, 1, 0, 0, 0, 0] }), true);
    const after = await edited;
    // The identity kernel copies the image: its response ranges over the image's 0…1.
    assert.strictEqual(after.values.gxRange, '0 … 1');
    assert.strictEqual(await page.handleMessage({ type: 'editKernel', lesson: 'sobel', kernel: 'gx', values: [1, 2, 3] }), false);
    const reset = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'sobel' && m.values.gx === '1 2 1 0 0 0 −1 −2 −1');
    await page.handleMessage({ type: 'lessonAction', lesson: 'sobel', action: 'sobelReset' });
    await reset;
  });

  test('receptive field: the stack\'s field grows to 14×14', async () => {
    const { shown } = await openLesson('receptiveField');
    assert.strictEqual(shown.values.layers, '4');
    assert.strictEqual(shown.values.finalField, '14×14');
  });

  test('equivariance: convolution commutes with the shift inside, exactly', async () => {
    const { shown } = await openLesson('equivariance');
    assert.strictEqual(shown.values.maxInterior, '0');
    assert.ok(shown.sections.includes('pooling'));
  });

  test('variable size: Flatten → Dense fits one size, global pooling any', async () => {
    const { shown } = await openLesson('variableSize');
    assert.strictEqual(shown.values.flatten_denseAnySize, 'no');
    assert.strictEqual(shown.values.global_poolAnySize, 'yes');
  });

  test('depth experiment: streams a result on a tiny setting, keeps it, and cancels', async function () {
    this.timeout(120_000);
    const api = await convlab();
    const { page } = await openLesson('depthExperiment');
    await page.handleMessage({ type: 'lessonAction', lesson: 'depthExperiment', action: 'depthClear' });
    const streamed = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'depthExperiment' && /^0:/.test(m.values.results ?? ''), 90_000);
    const finished = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'depthExperiment' && m.values.state === 'done', 90_000);
    const run = api.lessons.depth.run(TINY);
    const first = await streamed;
    assert.match(first.values.results!, /^0:\d+(\.\d)?%/);
    await run;
    assert.match((await finished).values.results!, /^0:\S+ 1:\S+$/);
    // Kept in workspaceState: the lesson opened again shows them without a run.
    const kept = await openLesson('depthExperiment');
    assert.match(kept.shown.values.results!, /^0:\S+ 1:\S+$/);

    // A cancelled run ends as cancelled (a new setting starts over, so there is work to cancel).
    const cancelled = nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'depthExperiment' && m.values.state === 'cancelled', 90_000);
    const second = api.lessons.depth.run({ ...TINY, depths: [4, 8], dataset: { name: 'bars', trainCount: 2000, testCount: 200, seed: 1 }, epochs: 30 });
    await nextEvent(page.onDidRenderLesson, (m) => m.lesson === 'depthExperiment' && m.values.state === 'running…');
    assert.strictEqual(await page.handleMessage({ type: 'lessonAction', lesson: 'depthExperiment', action: 'depthCancel' }), true);
    await second;
    await cancelled;
  });

  test('each lesson writes its model as Keras code', async () => {
    const { page } = await openLesson('dropout');
    const opened = nextEvent(vscode.window.onDidChangeActiveTextEditor, (e) => e?.document.languageId === 'python');
    assert.strictEqual(await page.handleMessage({ type: 'writeLessonCode', lesson: 'dropout', model: 0, framework: 'keras' }), true);
    const editor = await opened;
    assert.match(editor!.document.getText(), /Dropout\(0\.5\)/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
