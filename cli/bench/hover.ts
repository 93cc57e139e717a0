/**
 * The hover benchmark: what a learner waits for when pointing at a layer, measured through
 * the language server's own code — its per-document AnalysisCache and hoverAt (find the
 * layer at the position, draw its initial kernels as a PNG, write the Markdown). Two
 * figures: hovers on a document already read at its version (the bound: under
 * 20 ms), and the first hover after an edit, which pays the whole re-read (parse and
 * analyse) before it.
 */
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/analyse';
import { hoverAt } from '../../server/hover';
import { DEFAULT_SETTINGS } from '../../server/settings';

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

export interface LatencySummary {
  readonly count: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface HoverTimings extends LatencySummary {
  readonly lines: number;
  readonly layers: number;
  readonly hovers: number;
  readonly boundMs: number;
  /** The first hover after each of a few one-character edits: re-read, then hover. */
  readonly afterEdit: LatencySummary;
}

function summary(times: number[]): LatencySummary {
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { count: times.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: times[times.length - 1]! };
}

const noTrainedKernels = async (): Promise<undefined> => undefined;

/**
 * Hovers at every layer's position of the file, `rounds` times each, after a warm-up; then
 * `edits` one-character edits (a space typed at the end of the file), each followed by one
 * hover, as when the learner types and points.
 */
export async function benchHover(text = twoHundredLineModelFile(), rounds = 5, fileName = 'model.py', edits = 50): Promise<HoverTimings> {
  const cache = new AnalysisCache();
  let doc = TextDocument.create(`file:///bench/${encodeURIComponent(fileName.replace(/^.*[\\/]/, ''))}`, 'python', 1, text);
  const file = cache.get(doc, DEFAULT_SETTINGS);
  if (!file) throw new Error(`${fileName} is not a model file ConvLab reads`);
  const targets = file.parse.models.flatMap((m) => m.layers.flatMap((l) => (l.range ? [[l.range.startLine, l.range.startCol] as const] : [])));
  if (targets.length === 0) throw new Error('the benchmark file holds no layers: the parser did not read it');
  const hover = async (at: readonly [number, number]): Promise<void> => {
    const f = cache.get(doc, DEFAULT_SETTINGS)!;
    if (!(await hoverAt(f, at[0], at[1], DEFAULT_SETTINGS.seed, noTrainedKernels))) throw new Error(`no hover at line ${at[0] + 1}, column ${at[1] + 1}`);
  };
  for (const at of targets.slice(0, 10)) await hover(at); // warm-up: JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const at of targets) {
      const t0 = performance.now();
      await hover(at);
      times.push(performance.now() - t0);
    }
  }
  const afterEdit: number[] = [];
  // Two edits more than are counted: the first re-reads warm up the JIT, as the hovers' did.
  for (let e = -2; e < edits; e++) {
    const end = doc.positionAt(doc.getText().length);
    doc = TextDocument.update(doc, [{ range: { start: end, end }, text: ' ' }], doc.version + 1);
    const t0 = performance.now();
    await hover(targets[((e + 2) * 7919) % targets.length]!);
    if (e >= 0) afterEdit.push(performance.now() - t0);
  }
  return { lines: text.split('\n').length, layers: targets.length, hovers: times.length, ...summary(times), boundMs: 20, afterEdit: summary(afterEdit) };
}
