/**
 * Model errors in the Problems panel, with exact ranges: what the parser could not follow
 * and what analysis finds wrong (a kernel larger than its input, a Dense on a feature map,
 * a declared in_features that does not match). Updated as the learner types (debounced),
 * cleared when the file closes. A Python file that defines no model gets no diagnostics:
 * ConvLab stays quiet about code that is not a model.
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { isModelDocument, toRange, type ModelStore } from './modelStore';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  information: vscode.DiagnosticSeverity.Information,
};

export class ModelDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('convlab'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changedEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires after a document's diagnostics were (re)published. */
  readonly onDidUpdate = this.changedEmitter.event;

  constructor(private readonly store: ModelStore, private readonly debounceMs = 300) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.update(doc)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.clear(doc.uri)));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('convlab')) vscode.workspace.textDocuments.forEach((doc) => this.update(doc));
    }));
    this.register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    vscode.workspace.textDocuments.forEach((doc) => this.update(doc));
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isModelDocument(doc)) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.update(doc);
    }, this.debounceMs));
  }

  update(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    const file = this.store.get(doc);
    if (!file) return;
    if (file.parse.models.length === 0 && !file.parse.diagnostics.some((d) => d.severity === 'error' && doc.fileName.endsWith('.convlab.json'))) {
      this.collection.delete(doc.uri);
      this.changedEmitter.fire(doc.uri);
      return;
    }
    const diagnostics: vscode.Diagnostic[] = [];
    for (const d of file.parse.diagnostics) diagnostics.push(this.make(toRange(d.range), d.message, d.severity, d.code));
    file.analyses.forEach((analysis, m) => {
      const model = file.parse.models[m]!;
      for (const d of analysis.diagnostics) {
        const range = d.range ?? model.range;
        if (!range) continue;
        diagnostics.push(this.make(toRange(range), d.message, d.severity, d.code));
      }
    });
    this.collection.set(doc.uri, diagnostics);
    this.changedEmitter.fire(doc.uri);
  }

  private make(range: vscode.Range, message: string, severity: string, code: string): vscode.Diagnostic {
    const d = new vscode.Diagnostic(range, message, SEVERITY[severity] ?? vscode.DiagnosticSeverity.Information);
    d.source = 'ConvLab';
    d.code = code;
    return d;
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.collection.delete(uri);
    this.store.forget(uri);
  }
}
