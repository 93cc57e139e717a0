/**
 * Model analysis without running anything: walks the IR layer by layer, passing each
 * layer's output shape and receptive field to the next, and gathers per-layer numbers,
 * totals and diagnostics. Never throws on a bad model: every problem becomes a diagnostic
 * that names its layer, and analysis goes on wherever the numbers can still be computed.
 */
import type { LayerSpec, ModelIR } from '../model/ir';
import { activation, batchNorm, dropout } from './elementLayers';
import { UNKNOWN, type Flow, type LayerContext, type LayerResult } from './flow';
import { displayShape, layerTypeName, product } from './names';
import { inputReceptiveField } from './receptiveField';
import type { AnalysisDiagnostic, AnalysisTotals, LayerAnalysis, ModelAnalysis } from './types';
import { dense, flatten, reshape } from './vectorLayers';
import { conv2d, globalAvgPool2d, locallyConnected2d, pool2d } from './windowLayers';

const FLOAT32_BYTES = 4;

function analyseLayer(spec: LayerSpec, input: Flow, ctx: LayerContext): LayerResult {
  switch (spec.kind) {
    case 'conv2d': return conv2d(spec, input, ctx);
    case 'maxPool2d':
    case 'avgPool2d': return pool2d(spec, input, ctx);
    case 'globalAvgPool2d': return globalAvgPool2d(spec, input, ctx);
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

export function analyseModel(model: ModelIR): ModelAnalysis {
  const modelDiagnostics: AnalysisDiagnostic[] = [];
  let flow = inputFlow(model, (d) => modelDiagnostics.push(d));
  const layers: LayerAnalysis[] = [];
  model.layers.forEach((layer, index) => {
    const diagnostics: AnalysisDiagnostic[] = [];
    const type = layerTypeName(layer.spec, model.source, flow.shape?.length);
    const ctx: LayerContext = {
      index,
      type,
      source: model.source,
      report: (severity, code, message) =>
        diagnostics.push({ layerIndex: index, severity, code, message, ...(layer.range ? { range: layer.range } : {}) }),
    };
    const r = analyseLayer(layer.spec, flow, ctx);
    const outShape = r.out.shape;
    layers.push({
      index,
      name: layer.name,
      kind: layer.spec.kind,
      type,
      inputShape: flow.shape,
      outputShape: outShape,
      params: r.params,
      macs: r.macs,
      receptiveField: r.out.rf,
      activationBytes: outShape === null ? null : product(outShape) * FLOAT32_BYTES,
      outputSizeFormula: r.outputSizeFormula,
      window: r.window,
      dropout: r.dropout,
      diagnostics,
      ...(layer.range ? { range: layer.range } : {}),
    });
    flow = r.out;
  });
  return {
    inputShape: model.inputShape.length > 0 ? model.inputShape : null,
    outputShape: layers.length > 0 ? layers[layers.length - 1]!.outputShape : flow.shape,
    layers,
    totals: totalsOf(layers),
    diagnostics: [...modelDiagnostics, ...layers.flatMap((l) => l.diagnostics)],
  };
}
