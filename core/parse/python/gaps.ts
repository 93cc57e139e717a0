/**
 * The reader's honesty about what it could not follow. Where it met code it cannot
 * evaluate (a tensor merge it does not model, a call it passes over, a forward it cannot
 * find) it reports an 'unsupported' note; the model those notes belong to is then
 * incomplete: each note becomes one of its ModelIR.gaps, so analysis gives its totals as
 * lower bounds ("at least N") and hedges its errors, instead of a confident wrong number.
 *
 * A note inside a model's range belongs to it. A note outside every model's range (in a
 * block class or helper the model calls) may belong to any of them, so it goes to all:
 * a model wrongly called incomplete loses only certainty; one wrongly called complete
 * shows a wrong total as exact.
 */
import type { ModelIR, SourceRange } from '../../model/ir';
import type { ParseDiagnostic } from '../types';

function contains(outer: SourceRange, inner: SourceRange): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 <= c2);
  return before(outer.startLine, outer.startCol, inner.startLine, inner.startCol) && before(inner.endLine, inner.endCol, outer.endLine, outer.endCol);
}

/** The models with the reader's 'unsupported' notes attached as gaps. */
/** The reader's notes that may change a model's layers, shapes or counts. */
const GAP_CODES: ReadonlySet<string> = new Set(['unsupported', 'unresolved', 'unknownLayer', 'loop', 'limit']);

/**
 * Notes that say themselves the counts stand: a left-out layer that keeps the shape and has
 * no weights, an activation read as linear. Each message says so in one of these words.
 */
const HARMLESS = ['it keeps the shape', 'shapes and parameter counts are the same', 'the shapes are the same'];

export function isGap(d: ParseDiagnostic): boolean {
  return d.severity === 'information' && GAP_CODES.has(d.code) && !HARMLESS.some((h) => d.message.includes(h));
}

export function withReaderGaps(models: readonly ModelIR[], diagnostics: readonly ParseDiagnostic[]): ModelIR[] {
  const notes = diagnostics.filter(isGap);
  if (notes.length === 0) return [...models];
  const owned = notes.map((d) => models.filter((m) => m.range !== undefined && contains(m.range, d.range)));
  return models.map((m) => {
    const mine = notes.filter((_, i) => owned[i]!.length === 0 || owned[i]!.includes(m));
    if (mine.length === 0) return m;
    const gaps = [...(m.gaps ?? []), ...mine.map((d) => ({ message: `Line ${d.range.startLine + 1}: ${d.message}`, range: d.range }))];
    return { ...m, gaps };
  });
}
