/**
 * Offsets (what lezer and jsonc-parser report) to the editor's 0-based line and column.
 * Both parsers count UTF-16 code units, as JavaScript strings and VS Code positions do, so
 * a column is an offset from the line's start with no conversion.
 */
import type { SourceRange } from '../model/ir';

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \r\n, \n and a lone \r each end a line, as in VS Code.
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; col: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, col: at - this.starts[lo]! };
  }

  range(from: number, to: number): SourceRange {
    const a = this.position(from);
    const b = this.position(Math.max(from, to));
    return { startLine: a.line, startCol: a.col, endLine: b.line, endCol: b.col };
  }

  /** The offset where the line holding `offset` starts. */
  lineStart(offset: number): number {
    return this.starts[this.position(offset).line]!;
  }

  /** The offset where the line holding `offset` ends (before its line break). */
  lineEnd(offset: number): number {
    const next = this.starts[this.position(offset).line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}
