// Parsers never throw, whatever the learner is in the middle of typing: every truncation of
// the examples, and thousands of seeded mutations, give a result (possibly with diagnostics)
// and never the internal-error safety net. And they are fast enough for hovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFileType, parseModelFile, type ParseResult } from '../../../core/parse';
import { example, fixture } from './helpers';

const PYTHON = [
  example('mnist_cnn_keras.py'), example('mnist_cnn_pytorch.py'), example('depth_experiment_keras.py'),
  fixture('pytorch_mnist.py'), fixture('keras_mnist_convnet.py'), fixture('keras_functional.py'),
  fixture('keras_imported_names.py'), fixture('pytorch_lenet.py'), fixture('pytorch_vgg.py'),
];
const JSON_FILES = [example('teaching_cnn.convlab.json')];

/** A small seeded generator (mulberry32), so that a failing mutation can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['(', ')', '[', ']', ',', ':', '=', '\n', '    ', '*', '**', '-1', '0', '1e9', 'None', 'x', 'self', '.', '"', "'", '#', 'for ', 'if ', 'lambda', '\\', '{', '}', 'model.add(', 'nn.Sequential(', 'range(10**9)', 'Conv2D(', '@'];

function mutate(text: string, rand: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    const r = rand();
    if (r < 0.4) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 20));
    else if (r < 0.8) s = s.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)]! + s.slice(at);
    else { const from = Math.floor(rand() * s.length); s = s.slice(0, at) + s.slice(from, from + 30) + s.slice(at); }
  }
  return s;
}

function check(text: string, file: string, label: string): ParseResult {
  let r: ParseResult;
  try {
    r = parseModelFile(text, file);
  } catch (error) {
    assert.fail(`${label} threw: ${String(error)}`);
  }
  const internal = r.diagnostics.find((d) => d.message.includes('internal error'));
  assert.equal(internal, undefined, `${label}: ${internal?.message}\n--- input ---\n${text}`);
  for (const d of r.diagnostics) assert.ok(d.range.startLine <= d.range.endLine, `${label}: range runs backwards`);
  return r;
}

test('every truncation of every example and fixture parses without throwing', () => {
  for (const [i, text] of PYTHON.entries()) {
    for (let n = 0; n <= text.length; n += 13) check(text.slice(0, n), 'model.py', `python ${i} cut at ${n}`);
  }
  for (const text of JSON_FILES) {
    for (let n = 0; n <= text.length; n++) check(text.slice(0, n), 'model.convlab.json', `json cut at ${n}`);
  }
});

test('2000 seeded mutations of the examples parse without throwing', () => {
  const rand = random(20240611);
  for (let i = 0; i < 2000; i++) {
    const python = i % 5 !== 0;
    const pool = python ? PYTHON : JSON_FILES;
    const source = pool[Math.floor(rand() * pool.length)]!;
    check(mutate(source, rand), python ? 'model.py' : 'model.convlab.json', `mutation ${i}`);
  }
});

test('pathological inputs: deep nesting, huge numbers, self-recursion, binary noise', () => {
  check(`x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`, 'a.py', 'deep parentheses');
  check(`import keras\nm = keras.Sequential([${'keras.layers.Dense(1), '.repeat(2000)}])\n`, 'a.py', 'a 2000-layer list');
  check('def f(n):\n    return f(n + 1)\nf(0)\nclass A(A): pass\n', 'a.py', 'recursion');
  check('import keras\nm = keras.Sequential()\nfor i in range(10**12):\n    m.add(keras.layers.Dense(i))\n', 'a.py', 'a loop of 10**12 passes');
  check(String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 65536)), 'a.py', 'noise');
  check('{"input": [1e400], "layers": [{"type": "conv2d", "filters": 1e400, "kernelSize": -0}]}', 'a.convlab.json', 'json extremes');
});

test('parseModelFile picks the reader by file name or language id', () => {
  assert.equal(modelFileType('model.convlab.json'), 'convlab');
  assert.equal(modelFileType({ fileName: 'C:\\Work\\Teach.ConvLab.JSON', languageId: 'json' }), 'convlab');
  assert.equal(modelFileType('python'), 'python');
  assert.equal(modelFileType({ fileName: 'untitled-1', languageId: 'python' }), 'python');
  assert.equal(modelFileType('train.py'), 'python');
  assert.equal(modelFileType('package.json'), undefined);
  assert.equal(modelFileType('json'), undefined, 'plain JSON holds no model');
  assert.deepEqual(parseModelFile('{"input": [4], "layers": []}', 'package.json').models, []);
  assert.equal(parseModelFile(example('mnist_cnn_keras.py'), 'python').models.length, 1);
});

test('shape queries on a graph that grows in a loop are bounded: past the budget the condition is unknown, and said so', () => {
  const src = [
    'import keras', 'from keras import layers', 'inputs = keras.Input(shape=(8, 8, 4))', 'x = inputs',
    'for i in range(1000):', '    if x.shape[-1] != 4:', '        x = layers.Conv2D(4, 1)(x)', '    x = layers.ReLU()(x)',
    'model = keras.Model(inputs, x)', '',
  ].join('\n');
  const r = parseModelFile(src, 'grow.py');
  assert.equal(r.models.length, 1);
  // While the budget lasts, x.shape[-1] is 4 and no convolution is added: the first layers are ReLUs.
  assert.ok(r.models[0]!.layers.slice(0, 50).every((l) => l.spec.kind === 'activation'));
  assert.ok(r.diagnostics.some((d) => /can't tell whether `x\.shape\[-1\] != 4` holds/.test(d.message)));
});
