/** A line above each model definition: its parameter count, and the Visualize and Summary actions. Can be switched off. */
import * as vscode from 'vscode';
import { toRange, type ModelStore } from './modelStore';

export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: ModelStore) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration('convlab', doc.uri).get<boolean>('codeLens.enabled', true)) return [];
    const file = this.store.get(doc);
    if (!file || token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    file.parse.models.forEach((model, m) => {
      if (!model.range) return;
      const analysis = file.analyses[m]!;
      const at = toRange(model.range).with(undefined, toRange(model.range).start);
      const t = analysis.totals;
      const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
      const params = `${t.complete ? '' : '≥ '}${t.params.toLocaleString('en-US')} parameters`;
      const title = `ConvLab: ${params} · ${model.layers.length} layers${errors ? ` · ${errors} error${errors > 1 ? 's' : ''}` : ''}`;
      lenses.push(new vscode.CodeLens(at, { title, command: 'convlab.summary', arguments: [doc.uri, m], tooltip: 'Show the summary of this model' }));
      lenses.push(new vscode.CodeLens(at, { title: 'Visualize', command: 'convlab.visualize', arguments: [doc.uri, m], tooltip: 'Open the lab: architecture, kernels, feature maps, training and dropout masks' }));
      lenses.push(new vscode.CodeLens(at, { title: 'Summary', command: 'convlab.summary', arguments: [doc.uri, m] }));
    });
    return lenses;
  }
}
