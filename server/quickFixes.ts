/**
 * Quick fixes for the mistakes learners make most, each an edit of their own code:
 * - a Dense/Linear on a feature map: insert the missing Flatten (Keras: a `Flatten()` layer
 *   where the Dense is; PyTorch: `x = torch.flatten(x, 1)` before the Linear is applied in
 *   forward, and in_features set to the flattened size);
 * - an nn.Linear whose in_features does not match: the right number;
 * - a model whose input shape is not known: a `# convlab: input …` comment above it.
 * Edits are found in the text by the ranges the reader recorded; where the code is not
 * in the expected form (a call spread over lines, an argument that is an expression), no
 * fix is offered rather than a wrong one.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisDiagnostic, ModelAnalysis } from '../core/analysis/types';
import type { ModelIR, SourceRange } from '../core/model/ir';
import { diagnosticsOf } from './diagnostics';
import type { AnalysedFile } from './protocol';
import { lspRange } from './ranges';

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

const indentOf = (text: string): string => /^\s*/.exec(text)![0];

function insertLine(line: number, text: string): TextEdit {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${text}\n` };
}

/** The in_features argument of `nn.Linear(…)` in one line of text: its range, or undefined. */
function inFeaturesArgument(doc: TextDocument, r: SourceRange): Range | undefined {
  if (r.startLine !== r.endLine) return undefined;
  const call = lineText(doc, r.startLine).slice(r.startCol, r.endCol);
  const keyword = /\bin_features\s*=\s*([^,()]+)/.exec(call);
  const positional = /\(\s*([^,()=]+?)\s*,/.exec(call);
  const m = keyword ?? positional;
  if (!m) return undefined;
  const from = r.startCol + m.index + m[0].indexOf(m[1]!);
  return { start: { line: r.startLine, character: from }, end: { line: r.startLine, character: from + m[1]!.trimEnd().length } };
}

function action(title: string, uri: string, edits: TextEdit[], diagnostic: Diagnostic, preferred = true): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [uri]: edits } } };
}

function kerasFlatten(doc: TextDocument, model: ModelIR, index: number, d: Diagnostic, uri: string): CodeAction[] {
  const r = model.layers[index]?.range;
  if (!r || r.startLine !== r.endLine) return [];
  const line = lineText(doc, r.startLine);
  const call = line.slice(r.startCol, r.endCol);
  const prefix = /^([\w.]*?)Dense\s*\(/.exec(call)?.[1];
  if (prefix === undefined) return [];
  // The Dense's line with its call replaced: `layers.Dense(10),` → `layers.Flatten(),`,
  // `model.add(layers.Dense(10))` → `model.add(layers.Flatten())`, `x = Dense(10)(x)` → `x = Flatten()(x)`.
  const flattenLine = `${line.slice(0, r.startCol)}${prefix}Flatten()${line.slice(r.endCol)}`;
  return [action(`Insert ${prefix}Flatten() before ${model.layers[index]!.name}`, uri, [insertLine(r.startLine, flattenLine)], d)];
}

function torchFlatten(doc: TextDocument, model: ModelIR, analysis: ModelAnalysis, index: number, d: Diagnostic, uri: string): CodeAction[] {
  const layer = model.layers[index]!;
  const input = analysis.layers[index]?.inputShape;
  const at = layer.appliedAt;
  if (!input || !at || !layer.range) return [];
  const callLine = lineText(doc, at.startLine);
  const argument = /\(\s*([A-Za-z_]\w*)\s*\)/.exec(callLine.slice(at.startCol, at.endCol))?.[1];
  if (!argument) return [];
  const edits = [insertLine(at.startLine, `${indentOf(callLine)}${argument} = torch.flatten(${argument}, 1)`)];
  const arg = inFeaturesArgument(doc, layer.range);
  const flat = product(input);
  if (arg && doc.getText(arg).trim() !== String(flat)) edits.push({ range: arg, newText: String(flat) });
  return [action(`Flatten before ${layer.name} (torch.flatten(${argument}, 1))${edits.length > 1 ? ` and set in_features to ${flat}` : ''}`, uri, edits, d)];
}

function inFeatures(doc: TextDocument, model: ModelIR, analysis: ModelAnalysis, index: number, d: Diagnostic, uri: string): CodeAction[] {
  const r = model.layers[index]?.range;
  const input = analysis.layers[index]?.inputShape;
  if (!r || !input || input.length !== 1) return [];
  const arg = inFeaturesArgument(doc, r);
  return arg ? [action(`Set in_features to ${input[0]}`, uri, [{ range: arg, newText: String(input[0]) }], d)] : [];
}

function inputComment(doc: TextDocument, model: ModelIR, d: Diagnostic, uri: string): CodeAction[] {
  if (!model.range) return [];
  const line = model.range.startLine;
  const indent = indentOf(lineText(doc, line));
  // Sizes in the framework's own order: channels first for PyTorch, last for Keras.
  const shapes = model.source === 'pytorch' ? [['1x28x28', 'MNIST'], ['3x32x32', 'CIFAR-10']] : [['28x28x1', 'MNIST'], ['32x32x3', 'CIFAR-10']];
  return shapes.map(([shape, what], i) => action(`Add "# convlab: input ${shape}" (${what}) above ${model.name}`, uri, [insertLine(line, `${indent}# convlab: input ${shape}`)], d, i === 0));
}

function fixesFor(doc: TextDocument, file: AnalysedFile, m: number, a: AnalysisDiagnostic, d: Diagnostic): CodeAction[] {
  const model = file.parse.models[m]!;
  const analysis = file.analyses[m]!;
  switch (a.code) {
    case 'denseOnFeatureMap': return model.source === 'pytorch' ? torchFlatten(doc, model, analysis, a.layerIndex, d, file.uri) : kerasFlatten(doc, model, a.layerIndex, d, file.uri);
    case 'inFeaturesMismatch': return model.source === 'pytorch' ? inFeatures(doc, model, analysis, a.layerIndex, d, file.uri) : [];
    case 'unknownInput': return inputComment(doc, model, d, file.uri);
    default: return [];
  }
}

const overlaps = (a: Range, b: Range): boolean =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

export function quickFixesOf(file: AnalysedFile, doc: TextDocument, range: Range): CodeAction[] {
  const published = diagnosticsOf(file);
  const out: CodeAction[] = [];
  file.analyses.forEach((analysis, m) => {
    for (const a of analysis.diagnostics) {
      const at = a.range ?? file.parse.models[m]!.range;
      if (!at || !overlaps(lspRange(at), range)) continue;
      const d = published.find((p) => p.code === a.code && p.message === a.message) ?? { range: lspRange(at), message: a.message, code: a.code, source: 'ConvLab' };
      out.push(...fixesFor(doc, file, m, a, d));
    }
  });
  return out;
}
