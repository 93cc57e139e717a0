/**
 * The models of open documents as the language server parsed them (the host thread never
 * parses): one request per document version, shared by everyone who asks for that version
 * (side view, lab, lessons, commands). Adapts the server's plain ranges to VS Code's.
 */
import * as vscode from 'vscode';
import type { ModelAnalysis } from '../../core/analysis/types';
import type { ModelIR, SourceRange } from '../../core/model/ir';
import { layerAt } from '../../server/layerAt';
import type { AnalysedFile } from '../../server/protocol';
import type { LanguageService } from '../language/service';
import { isModelFileName } from './fileType';

export type { AnalysedFile } from '../../server/protocol';

export function isModelDocument(doc: vscode.TextDocument): boolean {
  return isModelFileName(doc.fileName, doc.languageId);
}

export function toRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.startLine, r.startCol, r.endLine, r.endCol);
}

export class ModelStore {
  private readonly files = new Map<string, { version: number; file: Promise<AnalysedFile | undefined> }>();
  private readonly latest = new Map<string, AnalysedFile>();

  constructor(private readonly language: LanguageService) {}

  /** The document's models at its current version. */
  get(doc: vscode.TextDocument): Promise<AnalysedFile | undefined> {
    if (!isModelDocument(doc)) return Promise.resolve(undefined);
    const key = doc.uri.toString();
    const hit = this.files.get(key);
    if (hit && hit.version === doc.version) return hit.file;
    const file = this.language.models(doc).then((f) => {
      if (f) this.latest.set(key, f);
      return f;
    }, () => {
      // A server that is restarting answers nothing: undefined now, and ask again next time.
      if (this.files.get(key)?.file === file) this.files.delete(key);
      return undefined;
    });
    this.files.set(key, { version: doc.version, file });
    return file;
  }

  /** The last models received for the document, whatever its version now (no request). */
  peek(doc: vscode.TextDocument): AnalysedFile | undefined {
    return this.latest.get(doc.uri.toString());
  }

  forget(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
    this.latest.delete(uri.toString());
  }

  /** Settings changed (e.g. the PyTorch input shape): every version must be asked again. */
  clear(): void {
    this.files.clear();
  }

  /** The model and layer whose source range holds the position (the innermost layer wins). */
  async layerAt(doc: vscode.TextDocument, position: vscode.Position): Promise<{ model: ModelIR; analysis: ModelAnalysis; index: number } | undefined> {
    const file = await this.get(doc);
    const hit = file && layerAt(file, position.line, position.character);
    return hit && { model: hit.model, analysis: hit.analysis, index: hit.index };
  }
}
