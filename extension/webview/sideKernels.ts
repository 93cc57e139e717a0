/**
 * The side view's kernel strip: which layer it shows and with which weights. The layer is
 * the one the learner selected (the cursor on its line, or a block in the lab panel), else
 * the model's first convolution; the weights are the running training's, else the trained
 * ones kept for the file, else the seeded initial ones the worker starts from (the same the
 * hover draws). Pure over core types, so it is unit-testable without VS Code.
 */
import type { ModelAnalysis } from '../../core/analysis/types';
import type { LayerKind, ModelIR } from '../../core/model/ir';
import type { TrainedWeight } from '../../core/worker/weights';
import type { SideKernelsView } from '../../webview/protocol';
import { initialKernels, type KernelTensor } from '../../server/initialKernels';

/**
 * Filters the strip draws: the side view is about 250–300 px wide. One-channel kernels wrap
 * (16 make two lines); with several channels each filter is a line of its own, so fewer.
 */
export const STRIP_FILTERS = 16;
export const STRIP_FILTERS_MULTICHANNEL = 8;

export interface StripSelection {
  readonly modelIndex: number;
  readonly layer: number;
  readonly by: 'cursor' | 'lab';
}

export interface StripWeights {
  readonly kind: 'training' | 'trained';
  readonly weights: readonly TrainedWeight[];
  readonly epoch: number | null;
}

export interface StripInput {
  readonly uri: string;
  readonly models: readonly ModelIR[];
  readonly analyses: readonly ModelAnalysis[];
  readonly selection: StripSelection | undefined;
  readonly seed: number;
  /** The running or kept weights of a model, by its index; undefined = never trained. */
  readonly weightsOf: (modelIndex: number) => StripWeights | undefined;
  /** Why a layer of this kind has no kernels, in the learner's language. */
  readonly noKernels: (kind: LayerKind, name: string, type: string) => string;
}

/** The strip's content, or null when the file has no model (or the selection no layer). */
export function sideKernelsView(input: StripInput): SideKernelsView | null {
  const picked = input.selection && input.models[input.selection.modelIndex]?.layers[input.selection.layer] ? input.selection : undefined;
  const modelIndex = picked?.modelIndex ?? 0;
  const model = input.models[modelIndex];
  const analysis = input.analyses[modelIndex];
  if (!model || !analysis || model.layers.length === 0) return null;
  const layer = picked?.layer ?? Math.max(0, model.layers.findIndex((l) => l.spec.kind === 'conv2d'));
  const ir = model.layers[layer]!;
  const info = analysis.layers[layer];
  const type = info?.type ?? ir.spec.kind;
  const base = { uri: input.uri, modelIndex, layer, name: ir.name, type, selectedBy: picked?.by ?? 'first', seed: input.seed } as const;
  const trained = input.weightsOf(modelIndex);
  const spec = ir.spec;
  if (spec.kind !== 'conv2d') {
    return { ...base, weights: trained?.kind ?? 'initial', epoch: trained?.epoch ?? null, kernel: null, totalFilters: 0, note: input.noKernels(spec.kind, ir.name, type) };
  }
  const kept = trained?.weights.find((w) => w.layer === ir.name && w.param === 'kernel');
  const perGroup = info?.inputShape?.[0] !== undefined ? info.inputShape[0] / spec.groups : 1;
  const maxFilters = perGroup === 1 ? STRIP_FILTERS : STRIP_FILTERS_MULTICHANNEL;
  let kernel: KernelTensor | undefined;
  if (kept && kept.shape.length === 4 && kept.shape[0] === spec.filters) {
    const [, inC, kh, kw] = kept.shape as [number, number, number, number];
    const shown = Math.min(spec.filters, inC === 1 ? STRIP_FILTERS : STRIP_FILTERS_MULTICHANNEL);
    kernel = { shape: [shown, inC, kh, kw], values: kept.values.slice(0, shown * inC * kh * kw) };
  }
  const fromTraining = kernel !== undefined;
  kernel ??= info?.inputShape ? initialKernels(model, layer, info.inputShape, input.seed, maxFilters) : undefined;
  if (!kernel) {
    return { ...base, weights: 'initial', epoch: null, kernel: null, totalFilters: spec.filters, note: input.noKernels(spec.kind, ir.name, type) };
  }
  return {
    ...base,
    weights: fromTraining ? trained!.kind : 'initial',
    epoch: fromTraining ? trained!.epoch : null,
    kernel: { layer, name: ir.name, shape: kernel.shape, values: kernel.values },
    totalFilters: spec.filters,
    note: null,
  };
}
