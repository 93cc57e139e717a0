/**
 * The hover benchmark: what a learner waits for when pointing at a layer in a 200-line
 * model file, measured on the same code path as the extension's hover provider — parse the
 * file (uncached, as after every keystroke), analyse its models, find the layer, draw its
 * initial kernels as a PNG and write the Markdown. The bound: under 20 ms.
 */
import { performance } from 'node:perf_hooks';
import { analyseModel } from '../../core/analysis';
import { kernelGridPng } from '../../core/image/kernelGrid';
import { pngDataUri } from '../../core/image/png';
import { parseModelFile } from '../../core/parse';
import { layerHoverMarkdown } from '../../server/hoverText';
import { initialKernels } from '../../server/initialKernels';

/** A realistic 200-line file: a VGG-style Keras model and a PyTorch module, as a course notebook exports them. */
export function twoHundredLineModelFile(): string {
  const keras = ['import keras', 'from keras import layers', '', '', 'def conv_block(filters):', '    return [', '        layers.Conv2D(filters, 3, padding="same", activation="relu"),', '        layers.Conv2D(filters, 3, padding="same", activation="relu"),', '        layers.MaxPooling2D(2),', '    ]', '', '', 'vgg = keras.Sequential(name="vgg_like")', 'vgg.add(keras.Input(shape=(64, 64, 3)))'];
  for (const f of [32, 64, 128, 256]) {
    keras.push(`vgg.add(layers.Conv2D(${f}, (3, 3), padding="same", activation="relu"))`);
    keras.push(`vgg.add(layers.BatchNormalization())`);
    keras.push(`vgg.add(layers.Conv2D(${f}, (3, 3), padding="same", activation="relu"))`);
    keras.push(`vgg.add(layers.MaxPooling2D(pool_size=(2, 2)))`);
    keras.push(`vgg.add(layers.Dropout(0.25))`);
  }
  keras.push('vgg.add(layers.Flatten())', 'vgg.add(layers.Dense(512, activation="relu"))', 'vgg.add(layers.Dropout(0.5))', 'vgg.add(layers.Dense(10, activation="softmax"))', '', '');
  const torch = ['import torch', 'from torch import nn', 'import torch.nn.functional as F', '', '', '# convlab: input 1x28x28', 'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()'];
  const names: string[] = [];
  let channels = 1;
  for (let i = 0; i < 12; i++) {
    const out = 16 * (1 + (i >> 2));
    torch.push(`        self.conv${i} = nn.Conv2d(${channels}, ${out}, kernel_size=3, padding=1)`);
    torch.push(`        self.bn${i} = nn.BatchNorm2d(${out})`);
    names.push(String(i));
    channels = out;
  }
  torch.push('        self.pool = nn.MaxPool2d(2)', '        self.dropout = nn.Dropout(p=0.5)', `        self.fc = nn.Linear(${channels} * 7 * 7, 10)`, '', '    def forward(self, x):');
  names.forEach((i, k) => {
    torch.push(`        x = F.relu(self.bn${i}(self.conv${i}(x)))`);
    if (k === 3 || k === 7) torch.push('        x = self.pool(x)');
  });
  torch.push('        x = torch.flatten(x, 1)', '        x = self.dropout(x)', '        return self.fc(x)');
  const lines = [...keras, ...torch];
  while (lines.length < 200) lines.push('');
  return lines.slice(0, 200).join('\n');
}

export interface HoverTimings {
  readonly lines: number;
  readonly layers: number;
  readonly hovers: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly boundMs: number;
}

/** Times one hover per layer of the file, `rounds` times each, after a warm-up. */
export function benchHover(text = twoHundredLineModelFile(), rounds = 5, fileName = 'model.py'): HoverTimings {
  const hoverAt = (modelIndex: number, layerIndex: number): string | undefined => {
    const parsed = parseModelFile(text, fileName);
    const model = parsed.models[modelIndex]!;
    const analysis = analyseModel(model);
    const inputShape = analysis.layers[layerIndex]?.inputShape;
    const kernels = inputShape ? initialKernels(model, layerIndex, inputShape, 0) : undefined;
    const picture = kernels ? { dataUri: pngDataUri(kernelGridPng(kernels.values, kernels.shape, { cell: 8, gap: 3, maxFilters: 16, maxChannels: 4 }).png), caption: '' } : undefined;
    return layerHoverMarkdown(model, analysis, layerIndex, picture);
  };
  const parsed = parseModelFile(text, fileName);
  const targets = parsed.models.flatMap((m, mi) => m.layers.map((_, li) => [mi, li] as const));
  if (targets.length === 0) throw new Error('the benchmark file holds no layers: the parser did not read it');
  for (const [m, l] of targets.slice(0, 10)) hoverAt(m, l); // warm-up: JIT, lezer's tables
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [m, l] of targets) {
      const t0 = performance.now();
      if (!hoverAt(m, l)) throw new Error(`no hover for layer ${l} of model ${m}`);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { lines: text.split('\n').length, layers: targets.length, hovers: times.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: times[times.length - 1]!, boundMs: 20 };
}
