/**
 * The walkthrough walked as a learner walks it: every step's buttons run, in order, and each
 * shows what the step promises (the example in an editor, the summary, the lesson's page);
 * each step completes on an event that its own buttons cause.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEEN_CONTEXT } from '../../extension/lessons/lessonController';
import type { LessonName } from '../../webview/protocol';
import { convlab, EXTENSION_ID, LECTURE_OUTPUT_TEXT, nextEvent } from './helpers';

interface Step {
  readonly id: string;
  readonly description: string;
  readonly completionEvents: readonly string[];
}

/** A step's buttons: `[label](command:id?<url-encoded JSON args>)`. */
function links(step: Step): { command: string; args: unknown[] }[] {
  return [...step.description.matchAll(/\(command:([\w.]+)(?:\?([^)]+))?\)/g)].map((m) => {
    const parsed: unknown = m[2] ? JSON.parse(decodeURIComponent(m[2])) : [];
    return { command: m[1]!, args: Array.isArray(parsed) ? parsed : [parsed] };
  });
}

const steps = (): Step[] =>
  (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { walkthroughs: { steps: Step[] }[] } }).contributes.walkthroughs[0]!.steps;

/** Runs one button and checks what the learner should see after it. */
async function press(command: string, args: unknown[]): Promise<void> {
  const api = await convlab();
  const lesson = /^convlab\.lesson\.(\w+)$/.exec(command)?.[1] as LessonName | undefined;
  if (lesson) {
    const opened = api.lab.current ? Promise.resolve(api.lab.current) : nextEvent(api.lab.onDidOpen);
    const run = vscode.commands.executeCommand(command);
    const page = await opened;
    const shown = page.lastLessonRendered?.lesson === lesson ? page.lastLessonRendered : await nextEvent(page.onDidRenderLesson, (m) => m.lesson === lesson, 20_000);
    await run;
    assert.ok(shown.sections.length > 0, `${lesson} shows its sections`);
    return;
  }
  switch (command) {
    case 'convlab.openExample': {
      await vscode.commands.executeCommand(command, ...args);
      const text = vscode.window.activeTextEditor?.document.getText() ?? '';
      assert.match(text, /Conv2D|nn\.Conv2d/, 'the example model is in the active editor');
      return;
    }
    case 'convlab.summary': {
      // The first time, the view resolves after the command has focused it.
      const resolved = api.sideView.current ? Promise.resolve(api.sideView.current) : nextEvent(api.sideView.onDidResolve, () => true, 20_000);
      await vscode.commands.executeCommand(command, ...args);
      assert.ok(await resolved, 'the side view with the summary is open');
      return;
    }
    case 'convlab.convByHand': {
      // An open panel renders again; a new one renders once it is ready.
      const before = api.lab.current;
      let rendered = before && nextEvent(before.onDidRender, () => true, 20_000);
      const opened = before ? undefined : nextEvent(api.lab.onDidOpen);
      await vscode.commands.executeCommand(command);
      if (!rendered) {
        const page = await opened!;
        rendered = page.lastRendered ? Promise.resolve(page.lastRendered) : nextEvent(page.onDidRender, () => true, 20_000);
      }
      assert.deepStrictEqual((await rendered).output, LECTURE_OUTPUT_TEXT);
      return;
    }
    case 'convlab.maskEnsembles': {
      const revealed = nextEvent(api.labController.onDidPost, (m) => m.type === 'revealSection' && m.section === 'ensemble', 30_000);
      await vscode.commands.executeCommand(command);
      await revealed;
      assert.ok(api.labController.current, 'the lab follows a model with Dropout');
      return;
    }
    case 'convlab.writeKeras':
    case 'convlab.writePyTorch': {
      const before = vscode.window.activeTextEditor?.document;
      await vscode.commands.executeCommand(command, ...args);
      const doc = vscode.window.activeTextEditor?.document;
      assert.ok(doc && doc !== before, `${command} opens the written code`);
      assert.match(doc.getText(), command === 'convlab.writeKeras' ? /keras/ : /torch/);
      return;
    }
    default:
      assert.fail(`the walkthrough test does not know what ${command} should show`);
  }
}

suite('Walkthrough', () => {
  test('every step completes on an event its own buttons cause', async () => {
    await convlab();
    const contextKeys = new Set(Object.values(SEEN_CONTEXT));
    for (const step of steps()) {
      const commands = new Set(links(step).map((l) => l.command));
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const [kind, name] = event.split(':') as [string, string];
        if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${name} is not one of its buttons`);
        else if (kind === 'onContext') assert.ok(contextKeys.has(name), `${step.id}: nothing sets ${name}`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  test('walking every step in order: each button shows what the step promises', async function () {
    this.timeout(120_000);
    // The last step acts on "your model": the example the first step opened stands in for it.
    let example: vscode.TextDocument | undefined;
    for (const step of steps()) {
      for (const { command, args } of links(step)) {
        if (example && /^convlab\.(summary|write)/.test(command)) await vscode.window.showTextDocument(example);
        await press(command, args);
        if (command === 'convlab.openExample') example = vscode.window.activeTextEditor?.document;
      }
    }
  });

  test('the dropout lesson\'s button opens the mask ensembles of the learner\'s own model', async function () {
    this.timeout(60_000);
    const api = await convlab();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'mnist_cnn_pytorch.py'));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('convlab.lesson.dropout');
    const page = api.lab.current!;
    const revealed = nextEvent(api.labController.onDidPost, (m) => m.type === 'revealSection' && m.section === 'ensemble', 30_000);
    const drawn = nextEvent(page.onDidRenderModel, (m) => m.blocks.some((b) => /dropout/i.test(b)), 30_000);
    assert.strictEqual(await page.handleMessage({ type: 'lessonAction', lesson: 'dropout', action: 'maskEnsembles' }), true);
    await revealed;
    assert.strictEqual(api.labController.current?.uri, doc.uri.toString(), 'the learner\'s PyTorch model, not the example');
    await drawn;
  });
});
