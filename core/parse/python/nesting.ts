/**
 * Brackets nested beyond any real code's depth (a generated `((((…))))` 10,000 deep) overflow
 * the stack of the syntax tree's builder, which would drop the whole file. Before parsing,
 * each statement whose brackets nest deeper than MAX_BRACKET_DEPTH is blanked — its
 * characters replaced by spaces, its line breaks kept, so every other offset and line stays
 * where it was — and its lines are reported. Strings and comments are skipped roughly
 * (quotes, triple quotes, backslash escapes, `#` to the end of the line): a bracket inside
 * a string does not count.
 */

export const MAX_BRACKET_DEPTH = 100;

export interface BlankedSpan {
  readonly from: number;
  readonly to: number;
  readonly depth: number;
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** The spans (whole lines, from a statement's first bracket's line to its last's) to blank. */
export function tooDeep(text: string, limit = MAX_BRACKET_DEPTH): BlankedSpan[] {
  const spans: BlankedSpan[] = [];
  let depth = 0;
  let groupStart = -1;
  let groupMax = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      while (i < text.length && !text.startsWith(quote, i)) {
        if (text[i] === '\\') i++;
        else if (!triple && text[i] === '\n') break; // an unterminated string ends at its line
        i++;
      }
      i += quote.length - 1;
      continue;
    }
    if (OPEN.has(c)) {
      if (depth === 0) {
        groupStart = i;
        groupMax = 0;
      }
      depth++;
      groupMax = Math.max(groupMax, depth);
    } else if (CLOSE.has(c) && depth > 0) {
      depth--;
      if (depth === 0 && groupMax > limit) spans.push(wholeLines(text, groupStart, i + 1, groupMax));
    }
  }
  // Never closed: the rest of the file is the statement.
  if (depth > 0 && groupMax > limit) spans.push(wholeLines(text, groupStart, text.length, groupMax));
  return spans;
}

function wholeLines(text: string, from: number, to: number, depth: number): BlankedSpan {
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const end = text.indexOf('\n', to);
  return { from: start, to: end < 0 ? text.length : end, depth };
}

/** The text with those spans blanked (same length, same line breaks). */
export function blank(text: string, spans: readonly BlankedSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.from) + text.slice(s.from, s.to).replace(/[^\n]/g, ' ');
    at = s.to;
  }
  return out + text.slice(at);
}
