/**
 * Budgets that count the reader's work rather than its statements, so that no file — a
 * list doubled in a loop, comprehensions nested three deep, brackets nested 100,000 deep,
 * a 100,000-number literal — can hang the language server or run it out of memory:
 * - time: a deadline per document, checked as expressions are evaluated;
 * - elements: no list or string longer than MAX_SEQUENCE, and every element and character
 *   the file's code creates counts against MAX_ELEMENTS;
 * - layers: the layers the file's models apply, in all;
 * - depth: how deeply expressions nest while evaluated (no stack overflow).
 * Each limit, once hit, is reported once, at the place it was hit, as an information
 * diagnostic (code 'limit'); what it cut off becomes unknown and the rest is still read.
 */
import type { ParseDiagnosticCode, ParseSeverity } from '../types';

/** The longest list or string the reader builds (a list doubled in a loop stops here). */
export const MAX_SEQUENCE = 10_000;
/** List elements and string characters one file's code may create in all (nested comprehensions stop here). */
export const MAX_ELEMENTS = 500_000;
/**
 * Lists and strings this short are always built, even once MAX_ELEMENTS is spent, so the
 * models after a pathological statement (`Input(shape=(28, 28, 1))`, a list of layers) are
 * still read; time and the statement budget bound how many of them there can be.
 */
const ALWAYS = 64;
/** Layers one file's models may apply in all: ten times a DenseNet-264; a loop of 20,000 `model.add` stops here. */
export const MAX_LAYERS = 4000;
/** Expressions nested deeper than this are not followed. */
export const MAX_DEPTH = 200;
/** The reader's default time per document; the language server sets its own. */
export const DEFAULT_TIME_BUDGET_MS = 2000;

type Report = (from: number, to: number, severity: ParseSeverity, code: ParseDiagnosticCode, message: string) => void;

interface At {
  readonly from: number;
  readonly to: number;
}

export class Budget {
  private readonly deadline: number;
  private elementsLeft = MAX_ELEMENTS;
  private layersLeft = MAX_LAYERS;
  private depth = 0;
  private checks = 0;
  private outOfTime = false;
  private readonly reported = new Set<string>();
  private report: Report = () => undefined;

  constructor(readonly timeMs: number = DEFAULT_TIME_BUDGET_MS, private readonly now: () => number = Date.now) {
    this.deadline = now() + timeMs;
  }

  /** Where the limits are reported (the interpreter's diagnostics). */
  attach(report: Report): void {
    this.report = report;
  }

  /** True while there is time left; checks the clock every 64 calls. */
  inTime(at: At): boolean {
    if (this.outOfTime) return false;
    if ((++this.checks & 63) !== 0) return true;
    if (this.now() <= this.deadline) return true;
    this.outOfTime = true;
    this.once('time', at, `ConvLab stopped reading this file here: reading it took more than ${this.timeMs} ms. Models after this point may be missing or incomplete.`);
    return false;
  }

  get expired(): boolean {
    return this.outOfTime;
  }

  /** Asks to build a list or string of `n` elements; false, and reported, when it is too long or the file has made too many. */
  elements(n: number, at: At): boolean {
    if (n > MAX_SEQUENCE) {
      this.once('sequence', at, `ConvLab stopped building this value: it would hold more than ${MAX_SEQUENCE.toLocaleString('en-US')} elements or characters, so it is read as unknown.`);
      return false;
    }
    if (n <= this.elementsLeft) {
      this.elementsLeft -= n;
      return true;
    }
    this.elementsLeft = 0;
    if (n <= ALWAYS) return true;
    this.once('elements', at, `ConvLab stopped building this value: the file's code creates more than ${MAX_ELEMENTS.toLocaleString('en-US')} list elements or characters in all. Long values from here on are read as unknown.`);
    return false;
  }

  /** Takes one layer from the budget; false, and reported, once MAX_LAYERS are made. */
  layer(at: At): boolean {
    if (this.layersLeft > 0) {
      this.layersLeft--;
      return true;
    }
    this.once('layers', at, `ConvLab stopped adding layers here: the file's models have more than ${MAX_LAYERS.toLocaleString('en-US')} layers in all. The models are incomplete.`);
    return false;
  }

  /** One level deeper; false (and reported) when that is deeper than MAX_DEPTH. Pair a true with leave(). */
  enter(at: At): boolean {
    if (this.depth >= MAX_DEPTH) {
      this.once('depth', at, `ConvLab does not follow expressions nested more than ${MAX_DEPTH} levels deep: this one is read as unknown.`);
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }

  private once(kind: string, at: At, message: string): void {
    if (this.reported.has(kind)) return;
    this.reported.add(kind);
    this.report(at.from, at.to, 'information', 'limit', message);
  }
}
