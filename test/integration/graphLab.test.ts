/**
 * The lab on graph models whose input is not 1×28×28, in the web build's real worker: the
 * example ResNet (3×32×32) shows feature maps of a shape drawn at its size and trains a few
 * steps on shapes; the lab trains a U-Net to find the figure pixel by pixel.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { convlab, openExample, posted } from './helpers';
import type { TrainSettings, TrainingView } from '../../webview/protocol';

const FEW_STEPS: TrainSettings = { dataset: 'shapes', trainCount: 48, epochs: 1, batchSize: 16, learningRate: 0.003, optimizer: 'adam', seed: 1, patience: 0, restoreBest: false };

suite('the lab on graph models of other input shapes', () => {
  test('the ResNet example: feature maps of a 3×32×32 image, every layer at its analysed shape', async () => {
    const api = await convlab();
    const editor = await openExample('resnet_cifar_pytorch.py');
    await vscode.commands.executeCommand('convlab.visualize');
    const page = api.lab.current!;
    const uri = editor.document.uri.toString();
    const maps = posted('featureMaps', (m) => m.data.uri === uri && m.data.inputKind === 'shapes', 60_000);
    const failed = posted('sectionError', (m) => m.section === 'featureMaps', 60_000).then((m) => { throw new Error(m.message); });
    assert.strictEqual(await page.handleMessage({ type: 'requestFeatureMaps', input: { kind: 'shapes', index: 1 } }), true);
    const data = (await Promise.race([maps, failed])).data;
    assert.strictEqual(data.input.length, 3 * 32 * 32);
    assert.deepStrictEqual(data.outputs[0]!.shape, [16, 32, 32]);
    assert.deepStrictEqual(data.outputs.at(-1)!.shape, [10]);
  });

  test('a few training steps on shapes drawn at 3×32×32', async () => {
    const api = await convlab();
    const editor = await openExample('resnet_cifar_pytorch.py');
    const done = posted('training', (m) => (m.data as TrainingView).state !== 'running', 120_000);
    await api.labController.train(editor.document, 0, FEW_STEPS);
    const t = (await done).data as TrainingView;
    assert.strictEqual(t.state, 'done', t.message ?? '');
    assert.strictEqual(t.epochs.length, 1);
  });

  test('the U-Net example trains to find the figure pixel by pixel: its pixel accuracy beats the all-background guess', async () => {
    const api = await convlab();
    const editor = await openExample('unet_segmentation_pytorch.py');
    await vscode.commands.executeCommand('convlab.visualize');
    const done = posted('training', (m) => m.data.uri === editor.document.uri.toString() && (m.data as TrainingView).state !== 'running', 180_000);
    await api.labController.train(editor.document, 0, { ...FEW_STEPS, trainCount: 320, epochs: 3, batchSize: 32, learningRate: 0.01 });
    const t = (await done).data as TrainingView;
    assert.strictEqual(t.state, 'done', t.message ?? '');
    // Outlines cover about an eighth of a 32×32 image: guessing background everywhere scores about 0.88.
    assert.ok(t.test && t.test.accuracy > 0.9, `pixel accuracy ${t.test?.accuracy}`);
  });
});
