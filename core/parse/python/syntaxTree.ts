/**
 * The syntax tree within a time budget. lezer parses in steps (`advance`); when the time
 * is up the parse is told to stop where it is (`stopAt`), and the tree covers the file up
 * to there: what follows is not read, and the caller says so. A 100,000-number literal or
 * a file of binary garbage costs at most the budget, not seconds.
 */
import { parser } from '@lezer/python';
import type { Tree } from '@lezer/common';

export interface BudgetedTree {
  readonly tree: Tree;
  /** Where the parse stopped for lack of time; undefined when it read the whole text. */
  readonly stoppedAt?: number;
}

export function parseWithin(text: string, ms: number, now: () => number = Date.now): BudgetedTree {
  const deadline = now() + ms;
  const parse = parser.startParse(text);
  let stoppedAt: number | undefined;
  for (let steps = 0; ; steps++) {
    const tree = parse.advance();
    if (tree) return stoppedAt === undefined ? { tree } : { tree, stoppedAt };
    if (stoppedAt === undefined && (steps & 255) === 0 && now() > deadline) {
      stoppedAt = parse.parsedPos;
      parse.stopAt(stoppedAt);
    }
  }
}
