/**
 * Keras and PyTorch model code to ModelIRs. One reader serves both frameworks: a file may
 * import torch and keras at once, and the calls themselves say which layer is whose.
 */
import type { Tree } from '@lezer/common';
import type { ParseDiagnostic, ParseOptions, ParseResult } from '../types';
import { kerasShape } from '../keras/layers';
import { inputComments } from './comments';
import { Budget, DEFAULT_TIME_BUDGET_MS } from './budget';
import { blank, MAX_BRACKET_DEPTH, tooDeep } from './nesting';
import { parseWithin } from './syntaxTree';
import { Interpreter, type OffsetDiagnostic } from './interpreter';
import { withReaderGaps } from './gaps';
import { collectModels } from './models';
import type { Framework } from './values';

/** Which framework the imports name, to read a bare `Sequential` without an import. */
function frameworkHint(tree: Tree, text: string): Framework | null {
  let hint: Framework | null = null;
  for (let c = tree.topNode.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'ImportStatement') continue;
    const s = text.slice(c.from, c.to);
    if (/\btorch\b/.test(s)) return 'pytorch';
    if (/\b(keras|tensorflow)\b/.test(s)) hint = 'keras';
  }
  return hint;
}

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2 } as const;

function finish(it: Interpreter, diagnostics: readonly OffsetDiagnostic[]): ParseDiagnostic[] {
  const seen = new Set<string>();
  const out: (ParseDiagnostic & { from: number })[] = [];
  for (const d of diagnostics) {
    const key = `${d.from}:${d.to}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ from: d.from, range: it.range(d.from, d.to), severity: d.severity, message: d.message, code: d.code });
  }
  out.sort((a, b) => a.from - b.from || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return out.map(({ range, severity, message, code }) => ({ range, severity, message, code }));
}

export function parsePython(original: string, options: ParseOptions = {}): ParseResult {
  try {
    const budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
    const started = Date.now();
    const deep = tooDeep(original);
    const text = blank(original, deep);
    // The syntax may take half the time; the interpreter has what is left.
    const { tree, stoppedAt } = parseWithin(text, budgetMs / 2);
    const it = new Interpreter(text, frameworkHint(tree, text), new Budget(Math.max(0, budgetMs - (Date.now() - started))));
    for (const d of deep) {
      it.report(d.from, d.to, 'information', 'limit', `ConvLab skipped this statement: its brackets nest ${d.depth} deep (it reads at most ${MAX_BRACKET_DEPTH}).`);
    }
    if (stoppedAt !== undefined) {
      it.report(stoppedAt, Math.min(text.length, stoppedAt + 1), 'information', 'limit', `ConvLab read this file only up to here: its syntax took more than ${budgetMs / 2} ms to read. Models after this point are not shown.`);
    }
    const comments = inputComments(tree, text);
    const stated = comments.find((c) => c.dims !== null)?.dims ?? null;
    const setting = options.defaultInputShape && options.defaultInputShape.length > 0 ? [...options.defaultInputShape] : null;
    // What x.shape reads in a model whose code doesn't state its input: the comment, else the setting.
    it.assumedInput = {
      ...(stated ?? setting ? { pytorch: stated ?? setting! } : {}),
      ...(stated ? { keras: kerasShape(stated) } : setting ? { keras: setting } : {}),
    };
    it.run(tree.topNode);
    const read = collectModels(it, comments, options);
    // Python syntax errors are not reported: the Python extension does, and lezer's grammar
    // is not CPython's (it rejects `100.`, for one). What parses is still read.
    const diagnostics = finish(it, it.takeDiagnostics());
    const models = withReaderGaps(read, diagnostics);
    return { models, diagnostics, ...(models[0] ? { inputShapeSource: models[0].inputShapeSource ?? 'unknown' } : {}) };
  } catch (error) {
    // A safety net only: the fuzz tests check that it is never reached.
    return {
      models: [],
      diagnostics: [{
        range: { startLine: 0, startCol: 0, endLine: 0, endCol: 0 }, severity: 'information', code: 'unsupported',
        message: `ConvLab hit an internal error reading this file (${error instanceof Error ? error.message : String(error)}); please report it.`,
      }],
    };
  }
}
