/**
 * Jupyter notebooks (.ipynb), as a course hands them out: the code cells, in order, read as
 * one program — imports and `model = Sequential()` in one cell, `model.add(...)` in the
 * next — with IPython's `%magic` and `!shell` lines blanked (kept as empty lines, so line
 * numbers stay), and every range mapped back to its cell: ModelIR and diagnostic ranges
 * carry `cell` (the cell's index among all cells) with lines counted within that cell.
 * A malformed notebook is a diagnostic, never an exception.
 */
import type { ModelIR, SourceRange } from '../model/ir';
import { parsePython } from './python/parsePython';
import type { ParseDiagnostic, ParseOptions, ParseResult } from './types';

/** Notebooks larger than this are refused with a diagnostic: a course notebook is far smaller. */
const MAX_NOTEBOOK_CHARS = 20_000_000;

export interface NotebookCell {
  /** The cell's index among all of the notebook's cells (markdown ones included). */
  readonly index: number;
  /** Its first line in the program. */
  readonly startLine: number;
  readonly lineCount: number;
}

export interface NotebookProgram {
  readonly text: string;
  readonly cells: readonly NotebookCell[];
}

/** A range in a notebook: lines within cell `cell`. */
export type CellRange = SourceRange & { readonly cell: number };

function sourceOf(cell: unknown): string | undefined {
  if (typeof cell !== 'object' || cell === null) return undefined;
  const c = cell as { cell_type?: unknown; source?: unknown };
  if (c.cell_type !== 'code') return undefined;
  if (typeof c.source === 'string') return c.source;
  if (Array.isArray(c.source) && c.source.every((s) => typeof s === 'string')) return c.source.join('');
  return undefined;
}

/**
 * A cell's IPython blanked, kept the same length so columns and lines stay: `%matplotlib
 * inline`, `!pip install keras`, `model?` lines, and a `%%cell magic` cell whole (its body
 * is not Python). The language server's notebook sync uses it too.
 */
export function blankMagics(text: string): string {
  if (/^\s*%%/.test(text)) return text.replace(/[^\r\n]/g, ' ');
  return text.replace(/^[ \t]*(?:[%!].*|\w[\w.]*\?\??[ \t]*)$/gm, (line) => ' '.repeat(line.length));
}

/** The code cells as one program, or an error message for a file that is not a notebook. */
export function notebookProgram(json: string): NotebookProgram | string {
  if (json.length > MAX_NOTEBOOK_CHARS) return `This notebook is larger than ${MAX_NOTEBOOK_CHARS / 1e6} MB: ConvLab reads notebooks up to that size.`;
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    return `This notebook is not valid JSON (${e instanceof Error ? e.message : String(e)}).`;
  }
  const cells = typeof doc === 'object' && doc !== null ? (doc as { cells?: unknown }).cells : undefined;
  if (!Array.isArray(cells)) return 'This file has no notebook cells (a Jupyter notebook holds a "cells" list).';
  const lines: string[] = [];
  const out: NotebookCell[] = [];
  cells.forEach((cell, index) => {
    const src = sourceOf(cell);
    if (src === undefined) return;
    // A cell's own text may end without a newline (nbformat strips the last one).
    const cellLines = blankMagics(src.replace(/\r\n?/g, '\n')).split('\n');
    out.push({ index, startLine: lines.length, lineCount: cellLines.length });
    lines.push(...cellLines);
  });
  return { text: lines.join('\n'), cells: out };
}

/** A program range as the cell's: the cell holding its start, lines from the cell's first. */
export function toCellRange(program: NotebookProgram, r: SourceRange): CellRange {
  let cell = program.cells[0] ?? { index: 0, startLine: 0, lineCount: 0 };
  for (const c of program.cells) if (c.startLine <= r.startLine) cell = c;
  const last = cell.startLine + Math.max(cell.lineCount - 1, 0);
  const endLine = Math.min(r.endLine, last);
  return { cell: cell.index, startLine: r.startLine - cell.startLine, startCol: r.startCol, endLine: endLine - cell.startLine, endCol: endLine === r.endLine ? r.endCol : Number.MAX_SAFE_INTEGER };
}

function mapModel(program: NotebookProgram, m: ModelIR): ModelIR {
  const map = (r: SourceRange | undefined): SourceRange | undefined => (r ? toCellRange(program, r) : undefined);
  return {
    ...m,
    ...(m.range ? { range: map(m.range)! } : {}),
    layers: m.layers.map((l) => ({ ...l, ...(l.range ? { range: map(l.range)! } : {}), ...(l.appliedAt ? { appliedAt: map(l.appliedAt)! } : {}) })),
    ...(m.gaps ? { gaps: m.gaps.map((g) => ({ ...g, ...(g.range ? { range: map(g.range)! } : {}) })) } : {}),
  };
}

/** A notebook's models and diagnostics, with ranges in cells (CellRange). */
export function parseNotebook(json: string, options: ParseOptions = {}): ParseResult {
  const program = notebookProgram(json);
  if (typeof program === 'string') {
    const diagnostic: ParseDiagnostic = { range: { startLine: 0, startCol: 0, endLine: 0, endCol: 1 }, severity: 'information', code: 'unsupported', message: program };
    return { models: [], diagnostics: [diagnostic] };
  }
  const r = parsePython(program.text, options);
  return {
    ...r,
    models: r.models.map((m) => mapModel(program, m)),
    diagnostics: r.diagnostics.map((d) => ({ ...d, range: toCellRange(program, d.range) })),
  };
}
