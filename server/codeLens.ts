/**
 * A line above each model: its parameter count, and Visualize and Summary. The commands are
 * the extension's (a generic client shows the titles; running them needs ConvLab's host).
 * Their arguments are the document URI as a string and the model's index.
 */
import type { CodeLens } from 'vscode-languageserver';
import type { AnalysedFile } from './protocol';

export function codeLensesOf(file: AnalysedFile): CodeLens[] {
  const lenses: CodeLens[] = [];
  file.parse.models.forEach((model, m) => {
    if (!model.range) return;
    const analysis = file.analyses[m]!;
    const at = { start: { line: model.range.startLine, character: model.range.startCol }, end: { line: model.range.startLine, character: model.range.startCol } };
    const t = analysis.totals;
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    const params = `${t.complete ? '' : '≥ '}${t.params.toLocaleString('en-US')} parameters`;
    const title = `ConvLab: ${params} · ${model.layers.length} layers${errors ? ` · ${errors} error${errors > 1 ? 's' : ''}` : ''}`;
    const args = [file.uri, m];
    lenses.push({ range: at, command: { title, command: 'convlab.summary', arguments: args } });
    lenses.push({ range: at, command: { title: 'Visualize', command: 'convlab.visualize', arguments: args } });
    lenses.push({ range: at, command: { title: 'Summary', command: 'convlab.summary', arguments: args } });
  });
  return lenses;
}
