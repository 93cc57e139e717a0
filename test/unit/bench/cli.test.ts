import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MNIST_ASSET_PATH } from '../../../core/data/mnist';
import { main } from '../../../cli/main';

/** Runs the CLI in-process and keeps what it printed. */
async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => void out.push(l), err: (l) => void err.push(l) });
  return { code, out, err };
}

test('unknown command and unknown option are usage errors (exit 2); --json puts the error on the last stdout line', async () => {
  const unknown = await run('frobnicate', '--json');
  assert.equal(unknown.code, 2);
  assert.deepEqual(JSON.parse(unknown.out.at(-1)!), { error: "unknown command 'frobnicate'" });
  assert.equal((await run('bench', '--fast')).code, 2);
  const system = await run('bench', '--systems', 'tfjs-gpu', '--json');
  assert.equal(system.code, 2);
  assert.match(JSON.parse(system.out.at(-1)!).error, /unknown system\(s\) tfjs-gpu/);
  const help = await run('bench', '--help');
  assert.equal(help.code, 0);
  assert.match(help.out.at(-1)!, /--systems VALUE/);
});

test('summary teaching-cnn --json: 5,258 parameters and 192,064 multiply-adds (26·26·8·9 + 11·11·16·72 + 400·10)', async () => {
  const { code, out } = await run('summary', 'teaching-cnn', '--json');
  assert.equal(code, 0);
  const s = JSON.parse(out.at(-1)!) as { totalParams: number; trainableParams: number; macs: number; layers: { outputShapeCHW: number[]; params: number }[] };
  assert.equal(s.totalParams, 80 + 1168 + 4010);
  assert.equal(s.trainableParams, s.totalParams);
  assert.equal(s.macs, 26 * 26 * 8 * 9 + 11 * 11 * 16 * 72 + 400 * 10);
  assert.deepEqual(s.layers.map((l) => l.outputShapeCHW), [[8, 26, 26], [8, 13, 13], [16, 11, 11], [16, 5, 5], [400], [10]]);
});

test('summary of a model file --json: the issue\'s fields, with ranges; PyTorch input from --input', async () => {
  const keras = await run('summary', 'examples/mnist_cnn_keras.py', '--json');
  assert.equal(keras.code, 0);
  const k = JSON.parse(keras.out.at(-1)!) as { totalParams: number; trainableParams: number; layers: { type: string; outputShape: string; params: number; receptiveField: unknown; range: { startLine: number } }[]; diagnostics: unknown[] };
  assert.equal(k.totalParams, 34_826);
  assert.equal(k.trainableParams, 34_826);
  assert.deepEqual(k.layers.map((l) => l.type), ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dropout', 'Dense']);
  assert.equal(k.layers[0]!.outputShape, '(26, 26, 32)');
  assert.equal(k.layers[0]!.range.startLine, 7);
  assert.ok(k.layers[0]!.receptiveField);
  assert.deepEqual(k.diagnostics, []);
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'convlab-')), 'net.py');
  writeFileSync(file, 'from torch import nn\nmodel = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Flatten(), nn.Linear(8 * 30 * 30, 10))\n');
  const torch = JSON.parse((await run('summary', file, '--input', '3x32x32', '--json')).out.at(-1)!) as { inputShape: string; inputShapeSource: string; totalParams: number };
  assert.equal(torch.inputShape, '(3, 32, 32)');
  assert.equal(torch.inputShapeSource, 'setting');
  assert.equal(torch.totalParams, 3 * 8 * 9 + 8 + 8 * 30 * 30 * 10 + 10);
});

test('summary of a file with a shape error exits 1 and names the right number', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'convlab-')), 'bad.py');
  writeFileSync(file, '# convlab: input 1x28x28\nfrom torch import nn\nmodel = nn.Sequential(nn.Conv2d(1, 32, 3), nn.Flatten(), nn.Linear(9216, 10))\n');
  const { code, out } = await run('summary', file, '--json');
  assert.equal(code, 1);
  const s = JSON.parse(out.at(-1)!) as { diagnostics: { severity: string; message: string; range: { startLine: number } | null }[] };
  const error = s.diagnostics.find((d) => d.severity === 'error')!;
  assert.match(error.message, /21632/);
  assert.equal(error.range?.startLine, 2);
});

test('a path that is no file is refused with the reason', async () => {
  const { code, out } = await run('summary', 'examples/no-such-model.py', '--json');
  assert.equal(code, 1);
  assert.match(JSON.parse(out.at(-1)!).error, /neither a built-in model .* nor a readable file/);
});

const hasMnist = existsSync(join(resolve(__dirname, '../../..'), MNIST_ASSET_PATH)) ? false : `${MNIST_ASSET_PATH} not built`;

test('train teaching-cnn on 1,000 MNIST digits for one epoch: --json ends with the result, progress on stderr', { skip: hasMnist }, async () => {
  const { code, out, err } = await run('train', 'teaching-cnn', '--train-count', '1000', '--test-count', '200', '--json');
  assert.equal(code, 0);
  const r = JSON.parse(out.at(-1)!) as { dataset: string; trainImages: number; testImages: number; history: unknown[]; testAccuracy: number };
  assert.equal(r.dataset, 'mnist');
  assert.equal(r.trainImages, 1000);
  assert.equal(r.testImages, 200);
  assert.equal(r.history.length, 1);
  assert.ok(r.testAccuracy > 0.2, `better than chance after one epoch: ${r.testAccuracy}`);
  assert.ok(err.some((l) => l.startsWith('epoch 1/1')));
  assert.equal(out.length, 1, 'stdout holds only the JSON');
});

test('train refuses a dataset with more classes than the model outputs; more outputs than classes train on the first ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'convlab-cli-'));
  const file = join(dir, 'two.convlab.json');
  writeFileSync(file, JSON.stringify({ name: 'two', input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'dense', units: 2, activation: 'softmax' }] }));
  const refused = await run('train', file, '--dataset', 'bars', '--train-count', '8', '--test-count', '4', '--json');
  assert.equal(refused.code, 1);
  assert.match(JSON.parse(refused.out.at(-1)!).error, /outputs \[2\], bars has 4 classes/);
  const ten = await run('train', 'teaching-cnn', '--dataset', 'bars', '--train-count', '8', '--test-count', '4', '--json');
  assert.equal(ten.code, 0, ten.err.join('\n'));
});

test('train draws the procedural images at the model\'s own input shape: a 3×32×32 residual network trains on bars', async () => {
  const { code, out, err } = await run('train', 'examples/resnet_cifar_pytorch.py', '--dataset', 'bars', '--train-count', '16', '--test-count', '8', '--epochs', '1', '--json');
  assert.equal(code, 0, err.join('\n'));
  const last = JSON.parse(out.at(-1)!);
  assert.equal(last.trainCount ?? 16, 16);
  assert.ok(Number.isFinite(last.test?.loss ?? last.testLoss), JSON.stringify(last).slice(0, 300));
});
