/**
 * `# convlab: input 1x28x28` comments: the input size PyTorch code never states (and Keras
 * code may leave open). Sizes are written in the framework's own order, as its code writes
 * shapes: channels×height×width for PyTorch, height×width×channels for Keras. A comment
 * just above a model (only blank lines or comments between) is that model's; any other
 * applies to the models that have none of their own.
 *
 * The comments themselves are found by the Python parser (Comment tokens), so a
 * "# convlab:" inside a string is not one; only their text is read here.
 */
import type { Tree } from '@lezer/common';

export interface InputComment {
  readonly from: number;
  readonly to: number;
  /** The sizes in the framework's order; null when the comment can't be read. */
  readonly dims: readonly number[] | null;
}

const INPUT_COMMENT = /^#\s*convlab\s*:\s*input\b(.*)$/i;

export function readInputComment(text: string): number[] | null | undefined {
  const m = INPUT_COMMENT.exec(text.trim());
  if (!m) return undefined;
  const body = m[1]!.replace(/[()[\]]/g, ' ').trim();
  const pieces = body.split(/\s*[x×*,]\s*|\s+/).filter((p) => p.length > 0);
  const dims = pieces.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
  return dims.length > 0 && dims.length <= 4 && dims.every((d) => Number.isInteger(d) && d > 0) ? dims : null;
}

/** The `# convlab: input` comments, found as the parser's Comment tokens. */
export function inputComments(tree: Tree, text: string): InputComment[] {
  const comments: InputComment[] = [];
  if (!/convlab\s*:/i.test(text)) return comments;
  tree.cursor().iterate((n) => {
    if (n.name !== 'Comment') return;
    const dims = readInputComment(text.slice(n.from, n.to));
    if (dims !== undefined) comments.push({ from: n.from, to: n.to, dims });
  });
  return comments;
}

/** True when only blank lines and comments lie between a comment and a model's first line. */
export function isJustAbove(text: string, comment: InputComment, modelLineStart: number): boolean {
  if (comment.to > modelLineStart) return false;
  return text.slice(comment.to, modelLineStart).split(/\r?\n|\r/).every((line) => {
    const t = line.trim();
    return t === '' || t.startsWith('#') || t.startsWith('@');
  });
}
