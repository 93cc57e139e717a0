/**
 * Which reader a document needs, from its file name or VS Code language id: a
 * `.convlab.json` is ConvLab's own format; Python is read for Keras and PyTorch at once (a
 * file may import both, and each model's `source` says whose it is); anything else holds
 * no model.
 */
import { parseConvlabJson } from './json/parseConvlab';
import { parseNotebook } from './notebook';
import { parsePython } from './python/parsePython';
import { EMPTY_RESULT, type ParseOptions, type ParseResult } from './types';

export interface ModelDocument {
  readonly fileName?: string;
  readonly languageId?: string;
}

export type ModelFileType = 'python' | 'convlab' | 'notebook';

const LANGUAGE_IDS: ReadonlySet<string> = new Set(['python', 'json', 'jsonc']);

/** A bare string is a language id when it is one ('python', 'json', 'jsonc'), else a file name. */
function asDocument(file: ModelDocument | string): ModelDocument {
  if (typeof file !== 'string') return file;
  return LANGUAGE_IDS.has(file) ? { languageId: file } : { fileName: file };
}

export function modelFileType(file: ModelDocument | string): ModelFileType | undefined {
  const { fileName, languageId } = asDocument(file);
  const name = fileName?.toLowerCase() ?? '';
  if (name.endsWith('.convlab.json')) return 'convlab';
  // A notebook cell's document is Python (its file name is the notebook's): read as Python.
  if (languageId === 'python' || name.endsWith('.py') || name.endsWith('.pyw')) return 'python';
  if (name.endsWith('.ipynb') && languageId === undefined) return 'notebook';
  return undefined;
}

/** Parses a model file; never throws. Parse once per document version: the caller caches. */
export function parseModelFile(text: string, file: ModelDocument | string, options: ParseOptions = {}): ParseResult {
  switch (modelFileType(file)) {
    case 'convlab': return parseConvlabJson(text);
    case 'python': return parsePython(text, options);
    // The whole notebook file: its code cells as one program, ranges in cells.
    case 'notebook': return parseNotebook(text, options);
    default: return EMPTY_RESULT;
  }
}
