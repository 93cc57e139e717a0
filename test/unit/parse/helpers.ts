// Shared by the parser tests: fixture files, ranges located by the text they cover, and
// short views of a parse result so that assertions read like the model code.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LayerIR, SourceRange } from '../../../core/model/ir';
import type { ParseDiagnostic, ParseResult } from '../../../core/parse';

const HERE = path.dirname(new URL(import.meta.url).pathname);
export const REPO = path.resolve(HERE, '../../..');

export function fixture(name: string): string {
  return readFileSync(path.join(HERE, 'fixtures', name), 'utf8');
}

export function example(name: string): string {
  return readFileSync(path.join(REPO, 'examples', name), 'utf8');
}

/** The range that `snippet` covers in `text` (its `nth` occurrence, from 0), as the editor counts. */
export function rangeOf(text: string, snippet: string, nth = 0): SourceRange {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(snippet, at + 1);
    if (at < 0) throw new Error(`snippet not found (${i}): ${snippet}`);
  }
  const pos = (offset: number): { line: number; col: number } => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, col: before[before.length - 1]!.length };
  };
  const a = pos(at);
  const b = pos(at + snippet.length);
  return { startLine: a.line, startCol: a.col, endLine: b.line, endCol: b.col };
}

export function lc(startLine: number, startCol: number, endLine: number, endCol: number): SourceRange {
  return { startLine, startCol, endLine, endCol };
}

/** "conv2d 32 3x3 relu" style one-liners for each layer, to compare whole models at a glance. */
export function kinds(layers: readonly LayerIR[]): string[] {
  return layers.map((l) => l.spec.kind);
}

export function only(result: ParseResult): ParseResult['models'][number] {
  if (result.models.length !== 1) throw new Error(`expected one model, got ${result.models.length}`);
  return result.models[0]!;
}

export function codes(result: ParseResult): string[] {
  return result.diagnostics.map((d) => `${d.severity}:${d.code}`);
}

/** The diagnostic whose message matches, or a failure that lists what there was. */
export function diagnostic(result: ParseResult, pattern: RegExp): ParseDiagnostic {
  const d = result.diagnostics.find((x) => pattern.test(x.message));
  if (!d) throw new Error(`no diagnostic matches ${pattern}; got:\n${result.diagnostics.map((x) => `  ${x.message}`).join('\n')}`);
  return d;
}
