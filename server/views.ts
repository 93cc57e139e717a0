/**
 * What a request's URI reads: a plain document (its own text), or a notebook cell (the
 * whole notebook's program, server/notebook.ts). A view carries the analysed program and
 * the cell's place in it, so each feature computes on the program and maps its positions
 * back; what lies in another cell is left out of this cell's answer.
 */
import type { NotebookDocuments, Position, Range, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from './analyse';
import { notebookProgram, type NotebookProgram } from './notebook';
import type { AnalysedFile } from './protocol';
import type { ServerSettings } from './settings';

export interface View {
  readonly file: AnalysedFile;
  /** The program's document (a plain document is its own program). */
  readonly doc: TextDocument;
  /** The program line of this document's (cell's) first line, and its line count. */
  readonly offset: number;
  readonly lineCount: number;
}

export function toProgram(view: View, p: Position): Position {
  return { line: p.line + view.offset, character: p.character };
}

/** A program range in this document's lines, or undefined when it is (partly) in another cell. */
export function fromProgram(view: View, r: Range): Range | undefined {
  const start = r.start.line - view.offset;
  const end = r.end.line - view.offset;
  if (start < 0 || end >= view.lineCount) return undefined;
  return { start: { line: start, character: r.start.character }, end: { line: end, character: r.end.character } };
}

export class Views {
  private readonly programs = new Map<string, NotebookProgram>();
  private version = 0;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly notebooks: NotebookDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
  ) {}

  /**
   * A notebook changed (cells added, removed or edited, or only run): its program is built
   * again when asked. The analysis stays: the cache reads the program again only if its
   * text differs.
   */
  changed(notebookUri: string): void {
    this.programs.delete(notebookUri);
  }

  /** A notebook opened or closed: nothing of an earlier copy is kept. */
  invalidate(notebookUri: string): void {
    this.programs.delete(notebookUri);
    this.cache.forget(notebookUri);
  }

  program(notebookUri: string): NotebookProgram | undefined {
    const hit = this.programs.get(notebookUri);
    if (hit) return hit;
    const notebook = this.notebooks.getNotebookDocument(notebookUri);
    if (!notebook) return undefined;
    const program = notebookProgram(notebook, (uri) => this.notebooks.cellTextDocuments.get(uri), ++this.version);
    this.programs.set(notebookUri, program);
    return program;
  }

  /** The notebook a cell belongs to, if the URI is a synced cell. */
  notebookOf(cellUri: string): string | undefined {
    return this.notebooks.findNotebookDocumentForCell(cellUri)?.uri;
  }

  /** The version of a document or cell as last synced (-1 when unknown). */
  versionOf(uri: string): number {
    return (this.documents.get(uri) ?? this.notebooks.cellTextDocuments.get(uri))?.version ?? -1;
  }

  view(uri: string, settings: ServerSettings): View | undefined {
    const notebookUri = this.notebookOf(uri);
    if (notebookUri) {
      const program = this.program(notebookUri);
      const cell = program?.cells.find((c) => c.uri === uri);
      const file = program && this.cache.get(program.doc, settings);
      return program && cell && file ? { file, doc: program.doc, offset: cell.startLine, lineCount: cell.lineCount } : undefined;
    }
    const doc = this.documents.get(uri);
    const file = doc && this.cache.get(doc, settings);
    return doc && file ? { file, doc, offset: 0, lineCount: doc.lineCount } : undefined;
  }
}
