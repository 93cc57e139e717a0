/**
 * "The same model", whichever framework wrote it. Keras folds an activation into Conv2D
 * where PyTorch applies F.relu after nn.Conv2d; Keras pads 'same' where PyTorch pads 1;
 * GlobalAveragePooling2D is AdaptiveAvgPool2d(1) plus a flatten; a reshape may be a
 * Flatten and an Unflatten. The canonical form writes every model one way —
 *   - activations as layers of their own ('linear' ones dropped),
 *   - padding as the rows and columns actually added [top, bottom, left, right],
 *   - flatten, reshape and the squeeze of global pooling as one 'reshape' to the shape
 *     that comes out, consecutive ones merged and no-ops dropped,
 *   - sizes the code only checks (in_channels, in_features, num_features) left out —
 * and two models are the same when their canonical layers agree in kind, settings and
 * output shape. Layer names and source ranges do not count. The convolution convention
 * does not either: neither framework can write the textbook convolution, and the
 * generators say so in their notes.
 */
import { analyseModel } from '../analysis';
import type { ModelIR } from '../model/ir';
import { resolvedPadding } from './common';

export interface CanonicalLayer {
  readonly kind: string;
  /** The settings that define the layer, JSON-comparable. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly outputShape: readonly number[] | null;
}

const round12 = (v: number): number => Math.round(v * 1e12) / 1e12;

export function canonicalLayers(model: ModelIR): CanonicalLayer[] {
  const analysis = analyseModel(model);
  const raw: CanonicalLayer[] = [];
  model.layers.forEach((layer, i) => {
    const la = analysis.layers[i];
    const out = la?.outputShape ?? null;
    const push = (kind: string, settings: Record<string, unknown> = {}): void => {
      raw.push({ kind, settings, outputShape: out });
    };
    const activation = (a: string, log?: boolean): void => {
      if (a !== 'linear') push('activation', { activation: a, log: log === true });
    };
    const spec = layer.spec;
    switch (spec.kind) {
      case 'conv2d':
        push('conv2d', { filters: spec.filters, kernelSize: spec.kernelSize, strides: spec.strides, dilation: spec.dilation, groups: spec.groups, useBias: spec.useBias, padding: resolvedPadding(la) ?? spec.padding });
        activation(spec.activation);
        break;
      case 'locallyConnected2d':
        push('locallyConnected2d', { filters: spec.filters, kernelSize: spec.kernelSize, strides: spec.strides, useBias: spec.useBias });
        activation(spec.activation);
        break;
      case 'dense':
        push('dense', { units: spec.units, useBias: spec.useBias });
        activation(spec.activation);
        break;
      case 'maxPool2d':
      case 'avgPool2d':
        push(spec.kind, { poolSize: spec.poolSize, strides: spec.strides, padding: resolvedPadding(la) ?? spec.padding });
        break;
      case 'globalAvgPool2d': {
        const c = la?.inputShape?.[0];
        raw.push({ kind: 'globalAvgPool2d', settings: {}, outputShape: c === undefined ? null : [c, 1, 1] });
        if (!spec.keepDims) push('reshape');
        break;
      }
      case 'flatten':
      case 'reshape':
        push('reshape');
        break;
      case 'dropout':
        push('dropout', { rate: spec.rate, granularity: spec.granularity });
        break;
      case 'activation':
        activation(spec.activation, spec.log);
        break;
      case 'batchNorm':
        push('batchNorm', { momentum: round12(spec.momentum), epsilon: round12(spec.epsilon) });
        break;
    }
  });
  // Merge reshapes in a row (only the last shape matters) and drop those that change nothing.
  const layers: CanonicalLayer[] = [];
  for (const l of raw) {
    if (l.kind === 'reshape') {
      if (layers.at(-1)?.kind === 'reshape') layers.pop();
      const before = layers.at(-1)?.outputShape ?? (model.inputShape.length > 0 ? model.inputShape : null);
      if (!(before && l.outputShape && sameShape(before, l.outputShape))) layers.push(l);
    } else layers.push(l);
  }
  return layers;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function describe(l: CanonicalLayer | undefined): string {
  return l ? `${l.kind} ${JSON.stringify(l.settings)} → [${l.outputShape?.join(', ') ?? 'unknown'}]` : '(none)';
}

/** Whether two models are the same network, and where they differ when not. */
export function compareModels(expected: ModelIR, actual: ModelIR): { readonly same: boolean; readonly differences: readonly string[] } {
  const differences: string[] = [];
  if (!sameShape(expected.inputShape, actual.inputShape)) differences.push(`input [${expected.inputShape.join(', ')}] ≠ [${actual.inputShape.join(', ')}]`);
  const a = canonicalLayers(expected);
  const b = canonicalLayers(actual);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y || x.kind !== y.kind || JSON.stringify(x.settings) !== JSON.stringify(y.settings) || JSON.stringify(x.outputShape) !== JSON.stringify(y.outputShape)) {
      differences.push(`layer ${i}: expected ${describe(x)}, got ${describe(y)}`);
    }
  }
  return { same: differences.length === 0, differences };
}
