/**
 * One summary of a model, like Keras' model.summary() or torchinfo, plus what the lecture
 * asks of each layer (multiply-adds, receptive field): the shape the side view draws and
 * `convlab summary --json` prints. Plain JSON.
 */
import { INPUT_NODE, type InputShapeSource, type ModelIR, type ModelSource, type SourceRange } from '../model/ir';
import { isChain } from '../model/graph';
import { displayShape } from './names';
import type { ModelAnalysis, Severity } from './types';

export interface SummaryReceptiveField {
  /** [rows, cols] input pixels one unit sees; null once the layer is global. */
  readonly size: readonly [number, number] | null;
  readonly jump: readonly [number, number] | null;
  readonly global: boolean;
}

export interface SummaryLayer {
  readonly index: number;
  readonly name: string;
  /** The framework's class name: Conv2D, nn.Conv2d, … */
  readonly type: string;
  /** In the framework's order, as its own summary prints it: "(26, 26, 32)" for Keras. */
  readonly outputShape: string;
  /** In the core's order (channels first), or null when unknown. */
  readonly outputShapeCHW: readonly number[] | null;
  readonly params: number | null;
  readonly paramsFormula: string | null;
  readonly trainableParams: number | null;
  readonly macs: number | null;
  readonly receptiveField: SummaryReceptiveField | null;
  readonly range: SourceRange | null;
  /**
   * The layers it reads, by name ('input' for the model's input), as Keras' summary shows
   * them for functional models: set on every layer of a model that is a graph, not a chain.
   */
  readonly connectedTo?: readonly string[];
  /** The same as indices into the layers (−1: the model's input), for drawing the graph. */
  readonly inputs?: readonly number[];
}

export interface SummaryDiagnostic {
  readonly message: string;
  readonly severity: Severity;
  readonly code: string;
  readonly layerIndex: number;
  readonly range: SourceRange | null;
}

export interface ModelSummary {
  readonly name: string;
  readonly source: ModelSource | null;
  readonly inputShape: string;
  readonly inputShapeSource: InputShapeSource | null;
  readonly totalParams: number;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly macs: number;
  readonly activationBytes: number;
  /** False when some layer's counts are unknown (the totals are then lower bounds). */
  readonly complete: boolean;
  readonly layers: readonly SummaryLayer[];
  readonly diagnostics: readonly SummaryDiagnostic[];
  readonly range: SourceRange | null;
}

export function summarizeModel(model: ModelIR, analysis: ModelAnalysis): ModelSummary {
  const source = model.source;
  const chain = isChain(model);
  return {
    name: model.name,
    source: source ?? null,
    inputShape: displayShape(analysis.inputShape, source),
    inputShapeSource: model.inputShapeSource ?? null,
    totalParams: analysis.totals.params,
    trainableParams: analysis.totals.trainableParams,
    nonTrainableParams: analysis.totals.nonTrainableParams,
    macs: analysis.totals.macs,
    activationBytes: analysis.totals.activationBytes,
    complete: analysis.totals.complete,
    layers: analysis.layers.map((l) => ({
      ...(chain ? {} : { connectedTo: l.inputs.map((j) => (j === INPUT_NODE ? 'input' : analysis.layers[j]?.name ?? '?')), inputs: [...l.inputs] }),
      index: l.index,
      name: l.name,
      type: l.type,
      outputShape: displayShape(l.outputShape, source),
      outputShapeCHW: l.outputShape,
      params: l.params?.total ?? null,
      paramsFormula: l.params?.formula ?? null,
      trainableParams: l.params?.trainable ?? null,
      macs: l.macs,
      receptiveField: l.receptiveField
        ? {
            size: l.receptiveField.global ? null : [l.receptiveField.rows.size, l.receptiveField.cols.size],
            jump: l.receptiveField.global ? null : [l.receptiveField.rows.jump, l.receptiveField.cols.jump],
            global: l.receptiveField.global,
          }
        : null,
      range: l.range ?? null,
    })),
    diagnostics: analysis.diagnostics.map((d) => ({ message: d.message, severity: d.severity, code: d.code, layerIndex: d.layerIndex, range: d.range ?? null })),
    range: model.range ?? null,
  };
}
