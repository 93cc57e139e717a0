/**
 * Model analysis without running anything: walks the IR's graph in its topological order,
 * passing each node's output shape and receptive field to the nodes that read it, and
 * gathers per-layer numbers, totals and diagnostics. A chain is the one-path case. Never throws on a bad model: every problem becomes a diagnostic
 * that names its layer, and analysis goes on wherever the numbers can still be computed.
 */
import { graphError, inputsOf, outputsOf } from '../model/graph';
import { INPUT_NODE, type LayerSpec, type ModelIR } from '../model/ir';
import { depthwiseConv2d, separableConv2d } from './depthwiseLayers';
import { activation, batchNorm, dropout, identity, normalization, prelu } from './elementLayers';
import { merge } from './mergeLayers';
import { conv2dTranspose, cropping2d, padding2d, resize, upSampling2d } from './resampleLayers';
import { UNKNOWN, type Flow, type LayerContext, type LayerResult } from './flow';
import { displayShape, layerTypeName, product } from './names';
import { inputReceptiveField } from './receptiveField';
import type { AnalysisDiagnostic, AnalysisTotals, LayerAnalysis, ModelAnalysis } from './types';
import { dense, flatten, reshape } from './vectorLayers';
import { adaptivePool2d, conv2d, globalAvgPool2d, locallyConnected2d, pool2d } from './windowLayers';

const FLOAT32_BYTES = 4;

/** One place that maps each kind to its shape, parameter and receptive-field rule. */
function analyseLayer(spec: LayerSpec, inputs: readonly Flow[], ctx: LayerContext): LayerResult {
  if (spec.kind === 'merge') return merge(spec, inputs, ctx);
  const input = inputs[0] ?? UNKNOWN;
  switch (spec.kind) {
    case 'conv2d': return conv2d(spec, input, ctx);
    case 'maxPool2d':
    case 'avgPool2d': return pool2d(spec, input, ctx);
    case 'globalAvgPool2d':
    case 'globalMaxPool2d': return globalAvgPool2d(spec, input, ctx);
    case 'adaptivePool2d': return adaptivePool2d(spec, input, ctx);
    case 'depthwiseConv2d': return depthwiseConv2d(spec, input, ctx);
    case 'separableConv2d': return separableConv2d(spec, input, ctx);
    case 'conv2dTranspose': return conv2dTranspose(spec, input, ctx);
    case 'upSampling2d': return upSampling2d(spec, input, ctx);
    case 'padding2d': return padding2d(spec, input, ctx);
    case 'cropping2d': return cropping2d(spec, input, ctx);
    case 'resize': return resize(spec, input, ctx);
    case 'normalization': return normalization(spec, input, ctx);
    case 'prelu': return prelu(spec, input);
    case 'identity': return identity(spec, input, ctx);
    case 'locallyConnected2d': return locallyConnected2d(spec, input, ctx);
    case 'dense': return dense(spec, input, ctx);
    case 'flatten': return flatten(spec, input, ctx);
    case 'reshape': return reshape(spec, input, ctx);
    case 'dropout': return dropout(spec, input, ctx);
    case 'activation': return activation(spec, input);
    case 'batchNorm': return batchNorm(spec, input, ctx);
  }
}

function inputFlow(model: ModelIR, report: (d: AnalysisDiagnostic) => void): Flow {
  const shape = model.inputShape;
  const at = { layerIndex: -1, ...(model.range ? { range: model.range } : {}) };
  if (shape.length === 0) {
    report({ ...at, severity: 'info', code: 'unknownInput', message: 'The input shape is not known, so output shapes cannot be computed; parameters are counted from the sizes written in the code.' });
    return UNKNOWN;
  }
  if (!shape.every((d) => Number.isInteger(d) && d > 0)) {
    report({ ...at, severity: 'error', code: 'invalidInput', message: `The input shape ${displayShape(shape, model.source)} must hold positive integers.` });
    return UNKNOWN;
  }
  return { shape, rf: inputReceptiveField(shape), flattenedFrom: null, pristine: true };
}

function totalsOf(layers: readonly LayerAnalysis[]): AnalysisTotals {
  let params = 0;
  let trainable = 0;
  let nonTrainable = 0;
  let macs = 0;
  let activationBytes = 0;
  let complete = true;
  for (const l of layers) {
    if (l.params) {
      params += l.params.total;
      trainable += l.params.trainable;
      nonTrainable += l.params.nonTrainable;
    } else complete = false;
    if (l.macs !== null) macs += l.macs;
    else complete = false;
    if (l.activationBytes !== null) activationBytes += l.activationBytes;
  }
  return { params, trainableParams: trainable, nonTrainableParams: nonTrainable, paramBytes: params * FLOAT32_BYTES, macs, activationBytes, complete };
}

/** Errors become warnings in a model the reader could not wholly follow: the cause may be what it missed. */
function hedged(d: AnalysisDiagnostic): AnalysisDiagnostic {
  if (d.severity !== 'error') return d;
  return { ...d, severity: 'warning', message: `${d.message} (ConvLab could not follow all of this model's code, so this may come from what it missed.)` };
}

/**
 * Sizes an open input (None) is tried at: two sizes every real network survives (ImageNet's
 * and a larger one). A layer whose parameters come out the same at both does not depend on
 * the open sizes, as with every convolution, norm and a dense layer after global pooling.
 */
const OPEN_TRIALS = [224, 256] as const;

export function analyseModel(model: ModelIR): ModelAnalysis {
  const open = model.openInputShape;
  const openable = model.inputShape.length === 0 && open !== undefined && open.some((d) => d === null) && open.every((d) => d === null || (Number.isInteger(d) && d > 0));
  return openable ? analyseOpenInput(model, open) : analyseFixed(model);
}

/**
 * A model whose input leaves sizes open: analysed as an unknown input (no shapes), with
 * each layer's parameters from two trial sizes where both agree. Nothing else of the
 * trials is shown: their shapes and diagnostics are about sizes the code did not choose.
 */
function analyseOpenInput(model: ModelIR, open: readonly (number | null)[]): ModelAnalysis {
  const unknown = analyseFixed(model);
  const [a, b] = OPEN_TRIALS.map((n) => analyseFixed({ ...model, inputShape: open.map((d) => d ?? n) }));
  const layers = unknown.layers.map((l, i) => {
    const pa = a!.layers[i]?.params;
    const pb = b!.layers[i]?.params;
    const same = pa && pb && pa.total === pb.total && pa.trainable === pb.trainable && pa.nonTrainable === pb.nonTrainable;
    // A shape the same at both sizes (a dense layer after global pooling) does not depend on them either.
    const sa = a!.layers[i]?.outputShape;
    const shape = l.outputShape === null && sa && sameDims(sa, b!.layers[i]?.outputShape) ? { outputShape: sa, activationBytes: product(sa) * FLOAT32_BYTES } : {};
    return { ...l, ...(l.params === null && same ? { params: pa } : {}), ...shape };
  });
  const outputShapes = unknown.outputShapes.map((s, k) => s ?? (sameDims(a!.outputShapes[k], b!.outputShapes[k]) ? a!.outputShapes[k]! : null));
  const totals = totalsOf(layers);
  // The reader already said, at the shape, that the sizes are open and what that means.
  const diagnostics = unknown.diagnostics.filter((d) => d.code !== 'unknownInput');
  return { ...unknown, layers, outputShapes, outputShape: outputShapes[0] ?? null, totals: { ...totals, complete: false }, diagnostics };
}

function sameDims(a: readonly number[] | null | undefined, b: readonly number[] | null | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((d, i) => d === b[i]);
}

function analyseFixed(model: ModelIR): ModelAnalysis {
  const modelDiagnostics: AnalysisDiagnostic[] = [];
  const atModel = { layerIndex: -1, ...(model.range ? { range: model.range } : {}) };
  const input = inputFlow(model, (d) => modelDiagnostics.push(d));
  const broken = graphError(model);
  if (broken) modelDiagnostics.push({ ...atModel, severity: 'error', code: 'invalidGraph', message: `The model's graph is malformed: ${broken}.` });
  const gaps = model.gaps ?? [];
  if (gaps.length > 0) {
    // One note for the model, on its first line: each gap's own place already has the reader's note.
    const first = model.range ?? gaps[0]!.range;
    const head = first ? { range: { startLine: first.startLine, startCol: first.startCol, endLine: first.startLine, endCol: first.startLine === first.endLine ? first.endCol : first.startCol + 200 } } : {};
    const what = gaps.length === 1 ? gaps[0]!.message : `${gaps.length} places of this model could not be followed, the first: ${gaps[0]!.message}`;
    // A warning: the learner should know the figures are lower bounds (the code itself may be fine).
    modelDiagnostics.push({ layerIndex: -1, severity: 'warning', code: 'incompleteModel', message: `ConvLab shows this model incompletely. ${what} The counts shown are lower bounds ("at least").`, ...head });
  }
  // flows[i + 1] is node i's output; flows[0] the input (INPUT_NODE = −1).
  const flows: Flow[] = [input];
  const flowOf = (node: number, reader: number): Flow => (node >= INPUT_NODE && node < reader ? flows[node + 1] ?? UNKNOWN : UNKNOWN);
  const layers: LayerAnalysis[] = [];
  model.layers.forEach((layer, index) => {
    const diagnostics: AnalysisDiagnostic[] = [];
    const inputs = inputsOf(model, index);
    const inFlows = inputs.map((n) => flowOf(n, index));
    const first = inFlows[0] ?? UNKNOWN;
    const type = layerTypeName(layer.spec, model.source, first.shape?.length);
    const ctx: LayerContext = {
      index,
      type,
      source: model.source,
      report: (severity, code, message) =>
        diagnostics.push({ layerIndex: index, severity, code, message, ...(layer.range ? { range: layer.range } : {}) }),
    };
    const r = analyseLayer(layer.spec, inFlows, ctx);
    const outShape = r.out.shape;
    const shown = gaps.length > 0 ? diagnostics.map(hedged) : diagnostics;
    layers.push({
      index,
      name: layer.name,
      kind: layer.spec.kind,
      type,
      inputs,
      inputShape: first.shape,
      ...(inFlows.length > 1 ? { inputShapes: inFlows.map((f) => f.shape) } : {}),
      outputShape: outShape,
      // A frozen layer's weights are all non-trainable, as the frameworks count them.
      params: r.params && layer.trainable === false
        ? { ...r.params, trainable: 0, nonTrainable: r.params.total, formula: r.params.formula === null ? null : `${r.params.formula} (frozen: not trained)` }
        : r.params,
      macs: r.macs,
      receptiveField: r.out.rf,
      activationBytes: outShape === null ? null : product(outShape) * FLOAT32_BYTES,
      outputSizeFormula: r.outputSizeFormula,
      window: r.window,
      dropout: r.dropout,
      diagnostics: shown,
      ...(layer.range ? { range: layer.range } : {}),
    });
    flows.push(r.out);
  });
  const outputs = outputsOf(model);
  const outputShapes = outputs.map((n) => (n >= INPUT_NODE && n < model.layers.length ? flows[n + 1]!.shape : null));
  const totals = totalsOf(layers);
  return {
    inputShape: model.inputShape.length > 0 ? model.inputShape : null,
    outputShape: outputShapes[0] ?? null,
    outputs,
    outputShapes,
    layers,
    totals: gaps.length > 0 || broken ? { ...totals, complete: false } : totals,
    diagnostics: [...modelDiagnostics, ...layers.flatMap((l) => l.diagnostics)],
  };
}
