/**
 * The runtime's layers of real models against the frameworks: each case of
 * test/oracle/runtime_layers.expected.json (written by test/oracle/runtime_layers_oracle.py
 * with PyTorch and Keras) is built in ConvLab with the framework's weights and run on the
 * framework's input; the outputs must agree to float32 rounding.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildLayer } from '../../../core/layers/build';
import type { LayerSpec } from '../../../core/model/ir';
import { Random } from '../../../core/random';
import { assertClose } from '../support/numeric';

interface TensorJSON { readonly shape: number[]; readonly values: number[] }
interface OracleCase {
  readonly name: string;
  readonly framework: 'pytorch' | 'keras';
  readonly spec: LayerSpec;
  readonly input: TensorJSON;
  readonly weights: Record<string, TensorJSON>;
  readonly output: TensorJSON;
}

const oracle = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'oracle', 'runtime_layers.expected.json'), 'utf8')) as { batch: number; cases: OracleCase[] };

describe('layers of real models compute what PyTorch and Keras compute', () => {
  test('the oracle covers every new kind', () => {
    const kinds = new Set(oracle.cases.map((c) => c.spec.kind));
    for (const k of ['conv2dTranspose', 'depthwiseConv2d', 'separableConv2d', 'upSampling2d', 'padding2d', 'cropping2d', 'resize', 'adaptivePool2d', 'globalMaxPool2d', 'normalization', 'prelu', 'activation']) {
      assert.ok(kinds.has(k as LayerSpec['kind']), k);
    }
  });

  for (const c of oracle.cases) {
    test(`${c.framework}: ${c.name}`, () => {
      const layer = buildLayer({ spec: c.spec, name: c.name }, c.input.shape.slice(1), {
        capacity: oracle.batch, inputGradient: false, rng: new Random(1), kernelInitializer: 'glorotUniform', dropoutConvention: 'inverted',
      });
      assert.deepEqual([oracle.batch, ...layer.outputShape], c.output.shape, 'output shape');
      const names = layer.params().map((p) => p.name).sort();
      assert.deepEqual(names, Object.keys(c.weights).sort(), 'weights');
      for (const p of layer.params()) {
        const w = c.weights[p.name]!;
        assert.deepEqual([...p.shape], w.shape, `${p.name} shape`);
        p.value.set(w.values);
      }
      const y = layer.forward(Float32Array.from(c.input.values), false);
      assertClose(y, c.output.values, c.name, { rtol: 1e-5 });
    });
  }
});
