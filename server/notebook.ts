/**
 * A notebook's code cells read as one program, as the kernel runs them top to bottom: the
 * imports, `Input(shape=…)` or `model = Sequential()` of an earlier cell hold in a later
 * one. IPython's `%magic` and `!shell` lines are blanked (same length, so columns stay), and
 * a `%%cell magic` cell is blanked whole (its body is not Python). Each cell keeps its lines'
 * place in the program, so positions and ranges map both ways.
 */
import type { NotebookDocument } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { blankMagics } from '../core/parse/notebook';

export interface CellSpan {
  readonly uri: string;
  /** The program line of the cell's first line. */
  readonly startLine: number;
  readonly lineCount: number;
}

export interface NotebookProgram {
  readonly notebookUri: string;
  /** The cells' text joined, as a document (its URI is the notebook's). */
  readonly doc: TextDocument;
  readonly cells: readonly CellSpan[];
}

/** NotebookCellKind.Code */
const CODE = 2;

export { blankMagics } from '../core/parse/notebook';

export function notebookProgram(notebook: NotebookDocument, cellText: (uri: string) => TextDocument | undefined, version: number): NotebookProgram {
  const cells: CellSpan[] = [];
  const parts: string[] = [];
  let line = 0;
  for (const cell of notebook.cells) {
    const doc = cellText(cell.document);
    if (cell.kind !== CODE || !doc || doc.languageId !== 'python') continue;
    const text = blankMagics(doc.getText()).replace(/\r?\n$/, '');
    const lineCount = text.split('\n').length;
    cells.push({ uri: cell.document, startLine: line, lineCount });
    parts.push(text);
    line += lineCount;
  }
  return { notebookUri: notebook.uri, doc: TextDocument.create(notebook.uri, 'python', version, parts.join('\n') + '\n'), cells };
}

/** The cell that holds a program line, and the line within it. */
export function cellAt(program: NotebookProgram, line: number): { cell: CellSpan; line: number } | undefined {
  const cell = program.cells.find((c) => line >= c.startLine && line < c.startLine + c.lineCount);
  return cell && { cell, line: line - cell.startLine };
}
