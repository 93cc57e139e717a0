/**
 * The lab's dense-weights section: the first dense layer's kernel, from the worker's initial
 * or trained weights, folded into one image per unit (core/analysis/denseTemplates.ts). Pure
 * over core types, so it is unit-testable without VS Code.
 */
import { firstDenseOnImage, unitImages } from '../../core/analysis';
import type { ModelAnalysis } from '../../core/analysis/types';
import type { ModelIR } from '../../core/model/ir';
import type { TrainedWeight } from '../../core/worker/weights';
import type { DenseWeightsView } from '../../webview/protocol';

/**
 * At most this many weights cross to the page per update (about 1 MB): every unit of a
 * classifier on MNIST (10 or 128 units × 784), the first units of a wide layer.
 */
export const MAX_DENSE_VALUES = 256 * 1024;
/** And at most this many units, however small their images. */
export const MAX_DENSE_UNITS = 256;

export type DenseWeightsBase = Pick<DenseWeightsView, 'uri' | 'modelIndex' | 'weights' | 'seed' | 'epoch'>;

/** The view of the model's first dense layer on an image, or null when there is none (or its kernel is not among `weights`). */
export function denseWeightsView(base: DenseWeightsBase, model: ModelIR, analysis: ModelAnalysis, weights: readonly TrainedWeight[]): DenseWeightsView | null {
  const dense = firstDenseOnImage(model, analysis);
  if (!dense) return null;
  const [C, H, W] = dense.imageShape;
  const features = C * H * W;
  const kernel = weights.find((w) => w.layer === dense.name && w.param === 'kernel');
  // The core's dense kernel is [units, inFeatures].
  if (!kernel || kernel.shape.length !== 2 || kernel.shape[0] !== dense.units || kernel.shape[1] !== features) return null;
  const shownUnits = Math.max(1, Math.min(dense.units, MAX_DENSE_UNITS, Math.floor(MAX_DENSE_VALUES / features)));
  let scale = 0;
  for (let i = 0; i < kernel.values.length; i++) scale = Math.max(scale, Math.abs(kernel.values[i]!));
  return {
    ...base,
    layer: dense.layerIndex,
    name: dense.name,
    units: dense.units,
    shownUnits,
    imageShape: dense.imageShape,
    flattenedBy: dense.flattenedAt >= 0 ? model.layers[dense.flattenedAt]!.name : null,
    // ConvLab's weights are its own, so they follow its Flatten: channels first.
    values: unitImages(kernel.values, dense.units, dense.imageShape, { order: 'channelsFirst', count: shownUnits }),
    scale,
    isOutput: model.layers.slice(dense.layerIndex + 1).every((l) => l.spec.kind === 'activation' || l.spec.kind === 'dropout'),
  };
}
