/**
 * The model and layer at a position: the layer whose source range holds it, the innermost
 * one when ranges nest (`Dense(10)` inside `model.add(...)`). Pure, so the host uses it for
 * the cursor without parsing anything itself.
 */
import type { ModelAnalysis } from '../core/analysis/types';
import type { ModelIR, SourceRange } from '../core/model/ir';
import type { AnalysedFile } from './protocol';

export interface LayerHit {
  readonly model: ModelIR;
  readonly modelIndex: number;
  readonly analysis: ModelAnalysis;
  readonly index: number;
}

function contains(r: SourceRange, line: number, character: number): boolean {
  if (line < r.startLine || line > r.endLine) return false;
  if (line === r.startLine && character < r.startCol) return false;
  if (line === r.endLine && character > r.endCol) return false;
  return true;
}

/** Lines first, then columns: compares sizes without the document's text. */
function size(r: SourceRange): number {
  return (r.endLine - r.startLine) * 1e6 + (r.endCol - r.startCol);
}

export function layerAt(file: AnalysedFile, line: number, character: number): LayerHit | undefined {
  let best: (LayerHit & { size: number }) | undefined;
  file.parse.models.forEach((model, modelIndex) => {
    model.layers.forEach((layer, index) => {
      if (!layer.range || !contains(layer.range, line, character)) return;
      const s = size(layer.range);
      if (!best || s < best.size) best = { model, modelIndex, analysis: file.analyses[modelIndex]!, index, size: s };
    });
  });
  return best && { model: best.model, modelIndex: best.modelIndex, analysis: best.analysis, index: best.index };
}
