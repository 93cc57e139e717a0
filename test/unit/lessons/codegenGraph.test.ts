// Write as Keras / Write as PyTorch for graphs: residual adds and concatenations are written
// in Keras' functional API and as a PyTorch forward with named outputs, and the code reads
// back to the same graph: the same kinds, the same inputs, the same counts and shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseModel } from '../../../core/analysis';
import { toKeras, toPyTorch } from '../../../core/codegen';
import { inputsOf } from '../../../core/model/graph';
import type { ModelIR } from '../../../core/model/ir';
import { parsePython } from '../../../core/parse';

const corpus = (file: string, name: string, shape?: readonly number[]): ModelIR => {
  const text = readFileSync(path.join(__dirname, '..', '..', 'corpus', file), 'utf8');
  const m = parsePython(text, shape ? { defaultInputShape: shape } : {}).models.find((x) => x.name === name);
  assert.ok(m, `${file}: ${name}`);
  return m;
};

function structure(m: ModelIR): { kinds: string[]; inputs: (readonly number[])[]; params: number; outputs: unknown } {
  const a = analyseModel(m);
  return {
    kinds: m.layers.map((l) => l.spec.kind),
    inputs: m.layers.map((_, i) => inputsOf(m, i)),
    params: a.totals.params,
    outputs: a.outputShapes,
  };
}

const cases: [string, string, (readonly number[])?][] = [
  ['../../examples/resnet_cifar_pytorch.py', 'SmallResNet'],
  ['torch/inception_net.py', 'GoogLeNetLite', [3, 32, 32]],
  ['keras/resnet_functional.py', 'small_resnet'],
  ['keras/squeezenet_keras.py', 'squeezenet'],
];

for (const [file, name, shape] of cases) {
  for (const [language, write] of [['Keras', toKeras], ['PyTorch', toPyTorch]] as const) {
    test(`${name} (${file}) written as ${language} reads back to the same graph`, () => {
      const model = corpus(file, name, shape);
      const code = write(model);
      const back = parsePython(code.code).models;
      assert.equal(back.length, 1, code.code);
      // PyTorch counts batch norm's running statistics out, Keras in: compare within one framework's rules.
      const expected = structure({ ...model, source: language === 'Keras' ? 'keras' : 'pytorch' }) as ReturnType<typeof structure>;
      const got = structure(back[0]!);
      const sameFramework = (model.source === 'keras') === (language === 'Keras');
      const merges = (x: typeof got): number => x.kinds.filter((k) => k === 'merge').length;
      if (!sameFramework) {
        // Across frameworks a layer may become two (Dense(softmax) → nn.Linear + nn.Softmax): the graph's counts, shapes and merges stay.
        assert.deepEqual([got.params, got.outputs, merges(got)], [expected.params, expected.outputs, merges(expected)], code.code);
      } else if (code.notes.length === 0) assert.deepEqual(got, expected, code.code);
      else {
        // Keras cannot pad PyTorch's way with strides: a ZeroPadding2D goes in front (the notes say so).
        const shape = (x: typeof got): unknown => ({ ...x, inputs: undefined, kinds: x.kinds.filter((k) => k !== 'padding2d') });
        assert.deepEqual(shape(got), shape(expected), code.code);
        assert.ok(code.notes.some((n) => /ZeroPadding2D|pad/i.test(n)), code.notes.join('\n'));
      }
    });
  }
}
