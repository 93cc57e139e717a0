/**
 * Parse and analyse a document once per version (this is the ModelStore that used to run on
 * the extension host's thread): every hover, lens, hint, diagnostic and custom request of
 * that version reads the same result. Never throws: a reader failure becomes an
 * information diagnostic at the top of the file, and the server keeps serving.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseModel } from '../core/analysis';
import type { ModelAnalysis } from '../core/analysis/types';
import { modelFileType, parseModelFile } from '../core/parse';
import type { ParseResult } from '../core/parse/types';
import type { AnalysedFile } from './protocol';
import type { ServerSettings } from './settings';

/** How long one document may take to read before the reader stops and says so. */
export const PARSE_BUDGET_MS = 750;

/** The file name part of a URI, for the reader's file-type check (`.convlab.json`, `.py`). */
export function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return path.slice(path.lastIndexOf('/') + 1);
  }
}

export function isModelDocument(doc: Pick<TextDocument, 'uri' | 'languageId'>): boolean {
  return modelFileType({ fileName: fileNameOf(doc.uri), languageId: doc.languageId }) !== undefined;
}

function failed(error: unknown): ParseResult {
  return {
    models: [],
    diagnostics: [{
      range: { startLine: 0, startCol: 0, endLine: 0, endCol: 0 }, severity: 'information', code: 'limit',
      message: `ConvLab could not read this file (${error instanceof Error ? error.message : String(error)}).`,
    }],
  };
}

/** Parse and analyse text as the document it is; pure apart from the clock. */
export function analyseText(uri: string, version: number, languageId: string, text: string, settings: ServerSettings): AnalysedFile {
  let parse: ParseResult;
  try {
    const options = { timeBudgetMs: PARSE_BUDGET_MS, ...(settings.defaultInputShape.length > 0 ? { defaultInputShape: settings.defaultInputShape } : {}) };
    parse = parseModelFile(text, { fileName: fileNameOf(uri), languageId }, options);
  } catch (error) {
    parse = failed(error);
  }
  const analyses: ModelAnalysis[] = [];
  for (const model of parse.models) {
    try {
      analyses.push(analyseModel(model));
    } catch (error) {
      return { uri, version, parse: { ...failed(error), models: [] }, analyses: [] };
    }
  }
  return { uri, version, parse, analyses };
}

/**
 * The latest analysis per open document. It is keyed by the text (and the settings), not
 * only the version: a new version with the same text — a notebook whose cell ran (its
 * execution summary changed), an undo back to the text just read — keeps the analysis and
 * only takes the new version number, instead of reading the whole file again.
 */
export class AnalysisCache {
  private readonly files = new Map<string, { file: AnalysedFile; text: string; settings: string }>();

  get(doc: TextDocument, settings: ServerSettings): AnalysedFile | undefined {
    if (!isModelDocument(doc)) return undefined;
    // The settings are part of the key: a new input-shape setting re-reads the file.
    const key = JSON.stringify(settings);
    const text = doc.getText();
    const hit = this.files.get(doc.uri);
    if (hit && hit.settings === key && hit.text === text) {
      if (hit.file.version === doc.version) return hit.file;
      const file = { ...hit.file, version: doc.version };
      this.files.set(doc.uri, { file, text, settings: key });
      return file;
    }
    const file = analyseText(doc.uri, doc.version, doc.languageId, text, settings);
    this.files.set(doc.uri, { file, text, settings: key });
    return file;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }

  clear(): void {
    this.files.clear();
  }
}
