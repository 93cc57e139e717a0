/**
 * Inlay hints: each layer's output shape at the end of its line, in the framework's own
 * axis order (`→ (26, 26, 32)` for Keras, `→ (32, 26, 26)` for PyTorch), so the shapes can
 * be read down the model without hovering. Layers that share a line (a loop, a one-line
 * Sequential) share one hint: a loop that builds 500 layers on one line shows its last
 * shape and the count, not 500 shapes.
 */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { displayShape } from '../core/analysis';
import type { AnalysedFile } from './protocol';

const MAX_PER_LINE = 3;

export function inlayHintsOf(file: AnalysedFile, doc: TextDocument, visible: Range): InlayHint[] {
  const perLine = new Map<number, string[]>();
  file.parse.models.forEach((model, m) => {
    const analysis = file.analyses[m]!;
    model.layers.forEach((layer, i) => {
      const shape = analysis.layers[i]?.outputShape;
      if (!layer.range || !shape) return;
      const line = layer.range.endLine;
      if (line < visible.start.line || line > visible.end.line) return;
      const shapes = perLine.get(line) ?? [];
      shapes.push(displayShape(shape, model.source));
      perLine.set(line, shapes);
    });
  });
  const hints: InlayHint[] = [];
  for (const [line, shapes] of [...perLine].sort((a, b) => a[0] - b[0])) {
    // The end of the line's text, without its line break.
    const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : doc.getText().length;
    const text = doc.getText({ start: { line, character: 0 }, end: doc.positionAt(next) }).replace(/\r?\n$/, '');
    const label = shapes.length <= MAX_PER_LINE ? `→ ${shapes.join(', ')}` : `→ ${shapes.length} layers, last ${shapes.at(-1)}`;
    hints.push({ position: { line, character: text.length }, label, kind: InlayHintKind.Type, paddingLeft: true, tooltip: 'Output shape (ConvLab)' });
  }
  return hints;
}
