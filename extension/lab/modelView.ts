/**
 * What the lab's architecture strip shows of one model: per layer its output shape,
 * parameters, receptive field and problems, from the analysis (nothing runs). Pure over
 * core/ types, so it is unit-testable without VS Code.
 */
import { firstDenseOnImage, summarizeModel } from '../../core/analysis';
import type { ModelAnalysis } from '../../core/analysis/types';
import { modelNotRunnable, runtimeNotes } from '../../core/layers/support';
import type { ModelIR } from '../../core/model/ir';
import { BAR_CLASSES, SHAPE_CLASSES } from '../../core/data/procedural';
import { segmentationOf } from '../../core/train/segmentation';
import { viewInputRefusal } from '../../core/worker/viewInput';
import type { ArchLayer, ModelView, TrainSettings } from '../../webview/protocol';

const MNIST_VALUES = 28 * 28;
const PROCEDURAL_CLASSES = Math.max(BAR_CLASSES.length, SHAPE_CLASSES.length);

export function buildModelView(uri: string, fileName: string, models: readonly ModelIR[], analyses: readonly ModelAnalysis[], modelIndex: number): ModelView | null {
  const model = models[modelIndex];
  const analysis = analyses[modelIndex];
  if (!model || !analysis) return null;
  const summary = summarizeModel(model, analysis);
  const layers: ArchLayer[] = analysis.layers.map((l, i) => {
    const s = summary.layers[i]!;
    return {
      index: i,
      name: l.name,
      type: l.type,
      kind: l.kind,
      outputShape: s.outputShape,
      outputShapeCHW: l.outputShape ? [...l.outputShape] : null,
      params: l.params?.total ?? null,
      paramsFormula: l.params?.formula ?? null,
      receptiveField: l.receptiveField && { rows: { ...l.receptiveField.rows }, cols: { ...l.receptiveField.cols }, global: l.receptiveField.global },
      problems: l.diagnostics.map((d) => ({ severity: d.severity, message: d.message })),
      dropout: l.dropout && { rate: l.dropout.rate, keepProb: l.dropout.keepProb, units: l.dropout.maskedUnits, granularity: l.dropout.granularity },
    };
  });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  const inputValues = model.inputShape.reduce((a, b) => a * b, model.inputShape.length ? 1 : 0);
  const runtimeRefusal = modelNotRunnable(model);
  // The views run one image of the model's own shape; training also needs class scores out.
  const notRunnableReason = errors.length > 0
    ? `the model has ${errors.length} error${errors.length > 1 ? 's' : ''} to fix first`
    : runtimeRefusal ?? viewInputRefusal(model.inputShape);
  // A map output (a U-Net) trains to find the figure pixel by pixel; bars and shapes have 4 classes each.
  const out = analysis.outputShape;
  const mapTargets = out?.length === 3 ? segmentationOf(out, model.inputShape, PROCEDURAL_CLASSES) : null;
  const notTrainableReason = notRunnableReason ?? (out?.length === 1 ? null : typeof mapTargets === 'string' ? mapTargets : mapTargets ? null : 'its output is not a vector of class scores');
  // MNIST's digits are 28×28 grey; bars and shapes are drawn at any input shape.
  const datasets: TrainSettings['dataset'][] = inputValues === MNIST_VALUES && out?.length === 1 ? ['mnist', 'bars', 'shapes'] : ['bars', 'shapes'];
  const dense = firstDenseOnImage(model, analysis);
  return {
    uri,
    fileName,
    modelIndex,
    modelCount: models.length,
    name: model.name,
    source: model.source ?? 'convlab',
    inputShape: summary.inputShape,
    inputShapeCHW: [...model.inputShape],
    totalParams: summary.totalParams,
    layers,
    modelProblems: analysis.diagnostics.filter((d) => d.layerIndex < 0).map((d) => d.message),
    runnable: notRunnableReason === null,
    notRunnableReason,
    trainable: notTrainableReason === null,
    notTrainableReason,
    datasets,
    runtimeNotes: notRunnableReason === null ? runtimeNotes(model) : [],
    denseImage: dense && { layer: dense.layerIndex, name: dense.name, units: dense.units, imageShape: dense.imageShape },
  };
}
