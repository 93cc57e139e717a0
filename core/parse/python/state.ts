/**
 * The reader's interface as its parts (expressions, calls, statements) see one another.
 * Each part is a module of plain functions that takes this interface, so none of them
 * imports another at run time; interpreter.ts wires them together.
 */
import type { LayerIR, SourceRange } from '../../model/ir';
import type { Budget } from './budget';
import type { Call, Host } from './context';
import type { SyntaxNode } from './syntax';
import type { ShapeOf } from './syntaxMemo';
import type { ClassValue, FunctionValue, InstanceValue, LayerValue, Scope, Value, ZooSource } from './values';

/** Control flow of the statements being run: return, break, continue. */
export class Frame {
  returned = false;
  value: Value = null;
  broke = false;
  continued = false;
}

export interface Interp extends Host {
  readonly text: string;
  readonly autoNamed: Map<LayerIR, LayerValue>;
  /** Every IR layer's layer object (a replayed copy's too): for freezing after the fact. */
  readonly sourceOf: WeakMap<LayerIR, LayerValue>;
  /** Layer objects the code froze (true) or unfroze (false). */
  readonly frozen: Map<LayerValue, boolean>;
  /** Input shapes the code shows for a module (see models.ts). */
  readonly inputHints: Map<InstanceValue | ClassValue, readonly number[]>;
  range(from: number, to: number): SourceRange;
  evaluate(node: SyntaxNode, scope: Scope): Value;
  evaluateCall(node: SyntaxNode, scope: Scope): Value;
  execBody(body: SyntaxNode, scope: Scope, frame: Frame): void;
  resolveName(name: string, scope: Scope): Value;
  getAttr(object: Value, name: string): Value;
  callValue(callee: Value, call: Call): Value;
  callMethod(object: Value, method: string, call: Call): Value;
  callFunction(fn: FunctionValue, call: Call): Value;
  instantiate(cls: ClassValue, call: Call): InstanceValue;
  /** The zoo source whose code is running, if any (see interpreter.ts). */
  readonly zoo: ZooSource | undefined;
  inZoo<T>(source: ZooSource, site: { readonly from: number; readonly to: number }, fn: () => T): T;
  /** The method running now (the innermost one bound to an instance), for super(). */
  currentMethod(): FunctionValue | undefined;
  /** What a name or dotted name (`keras.layers.Dense`, `add_block`) refers to, without running anything. */
  peek(node: SyntaxNode, scope: Scope): Value | undefined;
  /** Grows whenever a layer is made or applied or a model is built: what a loop pass did. */
  readonly buildEvents: number;
  /** Time, elements created and nesting depth (budget.ts). */
  readonly budget: Budget;
  /** Counts one statement against the budget; false once the budget is spent. */
  tick(at: SyntaxNode): boolean;
  /** Modules imported with `from m import *`, whose names a bare name may come from. */
  readonly starImports: string[];
  /** What a node's syntax alone gives (its arguments, parameters), worked out once per node in this read (syntaxMemo.ts). */
  shapeOf<T>(shape: ShapeOf<T>, node: SyntaxNode): T;
  /** Records a function (module-level ones that are never called are followed on their own). */
  defineFunction(fn: FunctionValue): void;
  defineClass(cls: ClassValue): void;
}

export const MAX_LOOP_PASSES = 1000;
