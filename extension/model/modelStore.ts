/**
 * Parsed and analysed models per document version: parse once, then every hover, lens,
 * diagnostic and summary of that version reads the same result. Parsing a 200-line model
 * takes a few milliseconds (the hover benchmark measures it), so it runs on demand here
 * rather than in the worker; analysis is arithmetic on shapes.
 */
import * as vscode from 'vscode';
import { analyseModel } from '../../core/analysis';
import type { ModelAnalysis } from '../../core/analysis/types';
import type { ModelIR, SourceRange } from '../../core/model/ir';
import { modelFileType, parseModelFile } from '../../core/parse';
import type { ParseResult } from '../../core/parse/types';

export interface AnalysedFile {
  readonly version: number;
  readonly parse: ParseResult;
  /** One analysis per model, in the order of parse.models. */
  readonly analyses: readonly ModelAnalysis[];
}

/** The languages and file names ConvLab reads models from. */
export const MODEL_SELECTOR: vscode.DocumentSelector = [
  { language: 'python' },
  { pattern: '**/*.convlab.json' },
];

export function isModelDocument(doc: vscode.TextDocument): boolean {
  return modelFileType({ fileName: doc.fileName, languageId: doc.languageId }) !== undefined;
}

/** "1x28x28" or "1×28×28" → [1, 28, 28]; undefined when it is not a list of positive integers. */
export function parseShapeSetting(text: string | undefined): number[] | undefined {
  if (!text) return undefined;
  const parts = text.split(/[x×,\s]+/).filter(Boolean).map(Number);
  return parts.length > 0 && parts.every((n) => Number.isInteger(n) && n > 0) ? parts : undefined;
}

export function toRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.startLine, r.startCol, r.endLine, r.endCol);
}

export class ModelStore {
  private readonly cache = new Map<string, AnalysedFile>();

  get(doc: vscode.TextDocument): AnalysedFile | undefined {
    if (!isModelDocument(doc)) return undefined;
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit;
    const defaultInputShape = parseShapeSetting(vscode.workspace.getConfiguration('convlab', doc.uri).get<string>('pytorch.inputShape'));
    const parse = parseModelFile(doc.getText(), { fileName: doc.fileName, languageId: doc.languageId }, defaultInputShape ? { defaultInputShape } : {});
    const file: AnalysedFile = { version: doc.version, parse, analyses: parse.models.map((m) => analyseModel(m)) };
    this.cache.set(key, file);
    return file;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  /** The model and layer whose source range holds the position (the innermost layer wins). */
  layerAt(doc: vscode.TextDocument, position: vscode.Position): { model: ModelIR; analysis: ModelAnalysis; index: number } | undefined {
    const file = this.get(doc);
    if (!file) return undefined;
    let best: { model: ModelIR; analysis: ModelAnalysis; index: number; size: number } | undefined;
    file.parse.models.forEach((model, m) => {
      model.layers.forEach((layer, index) => {
        if (!layer.range) return;
        const range = toRange(layer.range);
        if (!range.contains(position)) return;
        const size = doc.offsetAt(range.end) - doc.offsetAt(range.start);
        if (!best || size < best.size) best = { model, analysis: file.analyses[m]!, index, size };
      });
    });
    return best && { model: best.model, analysis: best.analysis, index: best.index };
  }
}
