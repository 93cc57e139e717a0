/** The core's source ranges (0-based lines and UTF-16 columns, as LSP counts) as LSP ranges. */
import type { Range } from 'vscode-languageserver';
import type { SourceRange } from '../core/model/ir';

export function lspRange(r: SourceRange): Range {
  return { start: { line: r.startLine, character: r.startCol }, end: { line: r.endLine, character: r.endCol } };
}
