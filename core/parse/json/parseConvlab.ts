/**
 * `.convlab.json` to ModelIRs, with jsonc-parser for offsets (so every diagnostic has the
 * range of the value it is about) and error recovery (a missing comma still leaves the
 * rest readable). A layer with an error is left out and the rest of the model is read; an
 * unknown property is a warning that suggests the name it probably meant.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { INPUT_NODE, type Activation, type LayerIR, type LayerKind, type LayerSpec, type MergeSpec, type ModelIR, type Padding, type Pair } from '../../model/ir';

/** Layer names as written in "inputs" or "outputs", with their ranges. */
type NamedRefs = readonly { readonly name: string; readonly range: ParseDiagnostic['range'] }[];
import { LineIndex } from '../lines';
import { complement } from '../probability';
import type { ParseDiagnostic, ParseResult } from '../types';
import { ACTIVATIONS, CHOICES, LAYER_PROPERTIES, LAYER_TYPES, type PropertyKind } from './format';

const SYNTAX_MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'this is not a valid number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace } is expected',
  CloseBracketExpected: 'a closing bracket ] is expected',
  EndOfFileExpected: 'nothing more is expected after the model',
  InvalidCommentToken: 'this comment is not closed',
  UnexpectedEndOfComment: 'this comment is not closed',
  UnexpectedEndOfString: 'this string is not closed',
  UnexpectedEndOfNumber: 'this number is not complete',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

const KIND_TEXT: Readonly<Record<PropertyKind, string>> = {
  positiveInt: 'a positive integer',
  int: 'an integer',
  pair: 'a positive integer or a pair of them, [rows, columns]',
  padding: '"valid", "same", a non-negative integer or a pair of them',
  boolean: 'true or false',
  activation: `one of ${ACTIVATIONS.map((a) => `"${a}"`).join(', ')}`,
  probability: 'a number from 0 to 1',
  number: 'a number',
  granularity: '"element" or "channel"',
  convention: '"crossCorrelation" or "convolution"',
  shape: 'a list of positive integers (one may be -1)',
  string: 'a string',
  sides: 'a non-negative integer, [rows, columns] or [top, bottom, left, right]',
  nonNegativePair: 'a non-negative integer or a pair of them, [rows, columns]',
  scale: 'a positive number or a pair of them, [rows, columns]',
  axes: '"all" or a list of axes (0 channels, 1 rows, 2 columns)',
  mergeOp: choiceText('mergeOp'),
  normVariant: choiceText('normVariant'),
  interpolation: choiceText('interpolation'),
  padMode: choiceText('padMode'),
  poolOp: choiceText('poolOp'),
  identityRole: choiceText('identityRole'),
  resizeMethod: choiceText('resizeMethod'),
};

function choiceText(kind: PropertyKind): string {
  return `one of ${(CHOICES[kind] ?? []).map((c) => `"${c}"`).join(', ')}`;
}

type Value = string | number | boolean | Pair | Padding | readonly number[] | Activation | 'all';

/** The name a key was probably meant to be: kernel_size → kernelSize, PoolSize → poolSize. */
function suggestion(key: string, known: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[_\-\s]/g, '');
  return known.find((k) => norm(k) === norm(key));
}

class Reader {
  readonly diagnostics: ParseDiagnostic[] = [];
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  range(node: { offset: number; length: number }): ParseDiagnostic['range'] {
    return this.lines.range(node.offset, node.offset + node.length);
  }

  /** An object's first line, for "missing property" messages that shouldn't underline everything. */
  head(node: Node): ParseDiagnostic['range'] {
    return this.lines.range(node.offset, Math.min(node.offset + node.length, this.lines.lineEnd(node.offset)));
  }

  report(range: ParseDiagnostic['range'], severity: ParseDiagnostic['severity'], message: string, code: ParseDiagnostic['code'] = 'schema'): void {
    this.diagnostics.push({ range, severity, message, code });
  }

  syntax(errors: readonly ParseError[]): void {
    for (const e of errors) {
      const what = SYNTAX_MESSAGES[printParseErrorCode(e.error)] ?? 'invalid JSON';
      this.report(this.lines.range(e.offset, e.offset + Math.max(1, e.length)), 'error', `Invalid JSON: ${what}.`, 'syntax');
    }
  }

  /** An object's properties by key (the value node may be missing in broken JSON). */
  properties(node: Node): Map<string, { key: Node; value: Node | undefined }> {
    const out = new Map<string, { key: Node; value: Node | undefined }>();
    for (const p of node.children ?? []) {
      const [key, value] = p.children ?? [];
      if (key && typeof key.value === 'string') out.set(key.value, { key, value });
    }
    return out;
  }

  /** A property's value converted, or undefined after an error at its range. */
  value(node: Node | undefined, kind: PropertyKind, key: string, where: string): Value | undefined {
    if (!node) return undefined;
    const v: unknown = node.type === 'array' ? (node.children ?? []).map((c) => c.value as unknown) : node.value;
    const int = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
    let out: Value | undefined;
    switch (kind) {
      case 'positiveInt': out = int(v) && v > 0 ? v : undefined; break;
      case 'int': out = int(v) ? v : undefined; break;
      case 'pair':
        if (int(v) && v > 0) out = [v, v];
        else if (Array.isArray(v) && v.length === 2 && v.every((x) => int(x) && x > 0)) out = [v[0], v[1]];
        break;
      case 'padding':
        if (v === 'valid' || v === 'same') out = v;
        else if (int(v) && v >= 0) out = [v, v];
        else if (Array.isArray(v) && v.length === 2 && v.every((x) => int(x) && x >= 0)) out = [v[0], v[1]];
        break;
      case 'boolean': out = typeof v === 'boolean' ? v : undefined; break;
      case 'activation': out = typeof v === 'string' && (ACTIVATIONS as readonly string[]).includes(v) ? (v as Activation) : undefined; break;
      case 'probability': out = typeof v === 'number' && v >= 0 && v <= 1 ? v : undefined; break;
      case 'number': out = typeof v === 'number' ? v : undefined; break;
      case 'granularity': out = v === 'element' || v === 'channel' ? v : undefined; break;
      case 'convention': out = v === 'crossCorrelation' || v === 'convolution' ? v : undefined; break;
      case 'shape': out = Array.isArray(v) && v.length > 0 && v.every((x) => int(x) && (x > 0 || x === -1)) ? (v as number[]) : undefined; break;
      case 'string': out = typeof v === 'string' ? v : undefined; break;
      case 'sides':
        if (int(v) && v >= 0) out = [v, v, v, v];
        else if (Array.isArray(v) && v.every((x) => int(x) && x >= 0) && (v.length === 2 || v.length === 4)) out = v.length === 2 ? [v[0], v[0], v[1], v[1]] : [...v];
        break;
      case 'nonNegativePair':
        if (int(v) && v >= 0) out = [v, v];
        else if (Array.isArray(v) && v.length === 2 && v.every((x) => int(x) && x >= 0)) out = [v[0], v[1]];
        break;
      case 'scale':
        if (typeof v === 'number' && v > 0) out = [v, v];
        else if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && x > 0)) out = [v[0], v[1]];
        break;
      case 'axes':
        if (v === 'all') out = 'all';
        else if (Array.isArray(v) && v.every((x) => int(x) && x >= 0 && x <= 2)) out = [...v] as number[];
        break;
      default:
        out = typeof v === 'string' && (CHOICES[kind] ?? []).includes(v) ? v : undefined;
    }
    if (out === undefined) this.report(this.range(node), 'error', `${where}: "${key}" must be ${KIND_TEXT[kind]}.`);
    return out;
  }

  layer(node: Node, index: number): LayerIR | undefined {
    const where = `Layer ${index + 1}`;
    if (node.type !== 'object') {
      this.report(this.range(node), 'error', `${where} must be an object such as { "type": "conv2d", "filters": 8, "kernelSize": 3 }.`);
      return undefined;
    }
    const props = this.properties(node);
    const typeNode = props.get('type')?.value;
    const type = typeNode?.value;
    if (typeof type !== 'string' || !(LAYER_TYPES as string[]).includes(type)) {
      const near = typeof type === 'string' ? suggestion(type, LAYER_TYPES) : undefined;
      const listed = `ConvLab's layer types: ${LAYER_TYPES.join(', ')}.`;
      if (typeNode) this.report(this.range(typeNode), 'error', `${where}: unknown type ${JSON.stringify(type)}${near ? `; did you mean "${near}"?` : '.'} ${listed}`);
      else this.report(this.head(node), 'error', `${where} needs a "type". ${listed}`);
      return undefined;
    }
    const kind = type as LayerKind;
    const table = LAYER_PROPERTIES[kind];
    const known = ['type', 'name', 'inputs', ...Object.keys(table)];
    let inputs: NamedRefs | undefined;
    const values = new Map<string, Value>();
    let ok = true;
    for (const [key, { key: keyNode, value }] of props) {
      if (key === 'type') continue;
      if (key === 'name') {
        const n = this.value(value, 'string', key, where);
        if (n !== undefined) values.set(key, n);
        continue;
      }
      if (key === 'inputs') {
        inputs = this.names(value, `${where} (${kind})`, 'inputs');
        if (inputs === undefined) ok = false;
        continue;
      }
      const spec = table[key];
      if (!spec) {
        const near = suggestion(key, known);
        this.report(this.range(keyNode), 'warning', `${where} (${kind}): unknown property "${key}"${near ? `; did you mean "${near}"?` : ''}. It is ignored.`);
        continue;
      }
      const v = this.value(value, spec.kind, key, `${where} (${kind})`);
      if (v === undefined) ok = false;
      else values.set(key, v);
    }
    for (const [key, spec] of Object.entries(table)) {
      if (spec.required && !props.has(key)) {
        this.report(this.head(node), 'error', `${where} (${kind}) needs "${key}": ${KIND_TEXT[spec.kind]}.`);
        ok = false;
      }
    }
    if (kind === 'dropout' && props.has('rate') === props.has('keepProb')) {
      this.report(this.head(node), 'error', `${where} (dropout) needs exactly one of "rate" (the drop probability, Keras' rate and PyTorch's p) and "keepProb" (the lecture's p = 1 − rate).`);
      ok = false;
    }
    if (kind === 'merge' && !inputs) {
      this.report(this.head(node), 'error', `${where} (merge) needs "inputs": the names of the two or more layers it merges ("input" for the model's input).`);
      ok = false;
    }
    if (!ok) return undefined;
    const spec = buildSpec(kind, values);
    const name = values.get('name');
    const layer: LayerIR = { spec, name: typeof name === 'string' ? name : `${kind}_${index + 1}`, range: this.range(node) };
    return inputs ? Object.assign(layer, { refs: inputs }) : layer;
  }

  /** A list of layer names ("inputs", "outputs"), each with its range for later errors. */
  names(node: Node | undefined, where: string, key: string): NamedRefs | undefined {
    if (!node) return undefined;
    const items = node.type === 'array' ? node.children ?? [] : [];
    if (node.type !== 'array' || items.length === 0 || items.some((c) => typeof c.value !== 'string')) {
      this.report(this.range(node), 'error', `${where}: "${key}" must be a list of layer names ("input" for the model's input).`);
      return undefined;
    }
    return items.map((c) => ({ name: c.value as string, range: this.range(c) }));
  }

  /**
   * Layer names to node indices: each name is the nearest earlier layer of that name, or
   * the model's input. A reference that cannot be resolved drops its layer (and so its
   * readers) with an error, as a layer with a bad property is dropped.
   */
  resolve(parsed: readonly (LayerIR & { refs?: NamedRefs })[], allNames: ReadonlySet<string>, where: string): { layers: LayerIR[]; gaps: string[]; index: Map<string, number> } {
    const layers: LayerIR[] = [];
    const gaps: string[] = [];
    const index = new Map<string, number>();
    for (const l of parsed) {
      const { refs, ...layer } = l;
      let inputs: number[] | undefined;
      if (refs) {
        inputs = [];
        for (const ref of refs) {
          const at = ref.name === 'input' && !index.has('input') ? INPUT_NODE : index.get(ref.name);
          if (at === undefined) {
            if (!allNames.has(ref.name)) this.report(ref.range, 'error', `${where}: layer '${layer.name}' reads "${ref.name}", which is not an earlier layer's name (or "input").`);
            else if (!parsed.some((p, i) => p.name === ref.name && i < parsed.indexOf(l))) this.report(ref.range, 'error', `${where}: layer '${layer.name}' reads "${ref.name}", which comes after it: a layer can read only earlier ones.`);
            inputs = undefined;
            break;
          }
          inputs.push(at);
        }
        if (!inputs) {
          gaps.push(`Layer '${layer.name}' is left out: one of its inputs could not be read.`);
          continue;
        }
        if (layer.spec.kind !== 'merge' && inputs.length !== 1) {
          this.report(refs[0]!.range, 'error', `${where}: layer '${layer.name}' reads ${inputs.length} layers; only a "merge" reads more than one.`);
          gaps.push(`Layer '${layer.name}' is left out.`);
          continue;
        }
        if (layer.spec.kind === 'merge' && inputs.length < 2) {
          this.report(refs[0]!.range, 'error', `${where}: merge '${layer.name}' needs at least two inputs.`);
          gaps.push(`Layer '${layer.name}' is left out.`);
          continue;
        }
      }
      index.set(layer.name, layers.length);
      layers.push(inputs ? { ...layer, inputs } : layer);
    }
    return { layers, gaps, index };
  }

  model(node: Node, index: number, root: boolean): ModelIR | undefined {
    const where = root ? 'The model' : `Model ${index + 1}`;
    if (node.type !== 'object') {
      this.report(this.range(node), 'error', `${where} must be an object with "input" and "layers".`);
      return undefined;
    }
    const props = this.properties(node);
    for (const [key, { key: keyNode }] of props) {
      if (!['$schema', 'name', 'input', 'layers', 'outputs'].includes(key)) {
        const near = suggestion(key, ['name', 'input', 'layers', 'outputs']);
        this.report(this.range(keyNode), 'warning', `${where}: unknown property "${key}"${near ? `; did you mean "${near}"?` : ''}. It is ignored.`);
      }
    }
    const nameValue = this.value(props.get('name')?.value, 'string', 'name', where);
    let inputShape: readonly number[] = [];
    const input = props.get('input')?.value;
    if (!input) this.report(this.head(node), 'error', `${where} needs "input": its shape without the batch, [channels, height, width] for images (e.g. [1, 28, 28]) or [features].`);
    else {
      const v = input.type === 'array' ? (input.children ?? []).map((c) => c.value as unknown) : undefined;
      if (v && v.length >= 1 && v.length <= 3 && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x > 0)) inputShape = v as number[];
      else this.report(this.range(input), 'error', `${where}: "input" must be a list of 1 to 3 positive integers, [channels, height, width] for images or [features].`);
    }
    const layersNode = props.get('layers')?.value;
    const parsed: (LayerIR & { refs?: NamedRefs })[] = [];
    if (!layersNode) this.report(this.head(node), 'error', `${where} needs "layers": a list of layers such as { "type": "conv2d", "filters": 8, "kernelSize": 3 }.`);
    else if (layersNode.type !== 'array') this.report(this.range(layersNode), 'error', `${where}: "layers" must be a list.`);
    else (layersNode.children ?? []).forEach((c, i) => {
      const l = this.layer(c, i);
      if (l) parsed.push(l);
    });
    const allNames = new Set((layersNode?.children ?? []).map((c) => (c.type === 'object' ? this.properties(c).get('name')?.value?.value : undefined)).filter((n): n is string => typeof n === 'string'));
    const { layers, gaps, index: byName } = this.resolve(parsed, allNames, where);
    const outputRefs = this.names(props.get('outputs')?.value, where, 'outputs');
    const outputs: number[] = [];
    for (const ref of outputRefs ?? []) {
      const at = byName.get(ref.name);
      if (at === undefined) this.report(ref.range, 'error', `${where}: the output "${ref.name}" is not one of its layers.`);
      else outputs.push(at);
    }
    return {
      name: typeof nameValue === 'string' ? nameValue : root ? 'model' : `model_${index + 1}`,
      inputShape, layers, source: 'convlab', range: this.range(node), inputShapeSource: inputShape.length > 0 ? 'code' : 'unknown',
      ...(outputs.length > 0 ? { outputs } : {}),
      ...(gaps.length > 0 ? { gaps: gaps.map((message) => ({ message })) } : {}),
    };
  }
}

function buildSpec(kind: LayerKind, v: Map<string, Value>): LayerSpec {
  const pair = (k: string, d: Pair): Pair => (v.get(k) as Pair | undefined) ?? d;
  const activation = (v.get('activation') as Activation | undefined) ?? 'linear';
  const useBias = (v.get('useBias') as boolean | undefined) ?? true;
  const int = (k: string): number | undefined => v.get(k) as number | undefined;
  switch (kind) {
    case 'conv2d': return {
      kind, filters: v.get('filters') as number, kernelSize: pair('kernelSize', [1, 1]), strides: pair('strides', [1, 1]),
      padding: (v.get('padding') as Padding | undefined) ?? 'valid', dilation: pair('dilation', [1, 1]), groups: (v.get('groups') as number | undefined) ?? 1,
      useBias, activation, ...(int('inChannels') !== undefined ? { inChannels: int('inChannels')! } : {}), ...(v.has('convention') ? { convention: v.get('convention') as 'crossCorrelation' | 'convolution' } : {}),
    };
    case 'maxPool2d':
    case 'avgPool2d': {
      const poolSize = pair('poolSize', [2, 2]);
      return { kind, poolSize, strides: pair('strides', poolSize), padding: (v.get('padding') as Padding | undefined) ?? 'valid' };
    }
    case 'globalAvgPool2d': return v.get('keepDims') === true ? { kind, keepDims: true } : { kind };
    case 'dense': return { kind, units: v.get('units') as number, activation, useBias, ...(int('inFeatures') !== undefined ? { inFeatures: int('inFeatures')! } : {}) };
    case 'flatten': return { kind };
    case 'dropout': {
      const rate = v.has('rate') ? (v.get('rate') as number) : complement(v.get('keepProb') as number);
      return { kind, rate, granularity: (v.get('granularity') as 'element' | 'channel' | undefined) ?? 'element' };
    }
    case 'activation': return v.get('log') === true ? { kind, activation, log: true } : { kind, activation };
    case 'batchNorm': return { kind, momentum: (v.get('momentum') as number | undefined) ?? 0.99, epsilon: (v.get('epsilon') as number | undefined) ?? 0.001, ...(int('numFeatures') !== undefined ? { numFeatures: int('numFeatures')! } : {}) };
    case 'locallyConnected2d': return { kind, filters: v.get('filters') as number, kernelSize: pair('kernelSize', [1, 1]), strides: pair('strides', [1, 1]), useBias, activation };
    case 'reshape': return { kind, targetShape: v.get('targetShape') as number[] };
    case 'globalMaxPool2d': return v.get('keepDims') === true ? { kind, keepDims: true } : { kind };
    case 'depthwiseConv2d': return {
      kind, depthMultiplier: int('depthMultiplier') ?? 1, kernelSize: pair('kernelSize', [1, 1]), strides: pair('strides', [1, 1]),
      padding: (v.get('padding') as Padding | undefined) ?? 'valid', dilation: pair('dilation', [1, 1]), useBias, activation,
    };
    case 'separableConv2d': return {
      kind, filters: v.get('filters') as number, depthMultiplier: int('depthMultiplier') ?? 1, kernelSize: pair('kernelSize', [1, 1]), strides: pair('strides', [1, 1]),
      padding: (v.get('padding') as Padding | undefined) ?? 'valid', dilation: pair('dilation', [1, 1]), useBias, activation,
    };
    case 'conv2dTranspose': return {
      kind, filters: v.get('filters') as number, kernelSize: pair('kernelSize', [1, 1]), strides: pair('strides', [1, 1]),
      padding: (v.get('padding') as Padding | undefined) ?? 'valid', outputPadding: (v.get('outputPadding') as Pair | undefined) ?? [0, 0],
      dilation: pair('dilation', [1, 1]), groups: int('groups') ?? 1, useBias, activation, ...(int('inChannels') !== undefined ? { inChannels: int('inChannels')! } : {}),
    };
    case 'upSampling2d': {
      const size = v.get('size') as Pair | undefined;
      return {
        kind, ...(size ? { size } : { scale: (v.get('scale') as Pair | undefined) ?? [2, 2] }),
        interpolation: (v.get('interpolation') as 'nearest' | 'bilinear' | 'bicubic' | undefined) ?? 'nearest',
        ...(v.has('alignCorners') ? { alignCorners: v.get('alignCorners') as boolean } : {}),
      };
    }
    case 'padding2d': return {
      kind, padding: v.get('padding') as unknown as readonly [number, number, number, number], mode: (v.get('mode') as 'zeros' | 'reflect' | 'replicate' | 'constant' | undefined) ?? 'zeros',
      ...(v.has('value') ? { value: v.get('value') as number } : {}),
    };
    case 'cropping2d': return { kind, cropping: v.get('cropping') as unknown as readonly [number, number, number, number] };
    case 'normalization': return {
      kind, variant: v.get('variant') as 'instance' | 'group' | 'layer', epsilon: (v.get('epsilon') as number | undefined) ?? 1e-5, affine: (v.get('affine') as boolean | undefined) ?? true,
      ...(int('groups') !== undefined ? { groups: int('groups')! } : {}), ...(int('numChannels') !== undefined ? { numChannels: int('numChannels')! } : {}),
      ...(v.has('normalizedShape') ? { normalizedShape: v.get('normalizedShape') as number[] } : {}), ...(v.has('trackRunningStats') ? { trackRunningStats: v.get('trackRunningStats') as boolean } : {}),
    };
    case 'adaptivePool2d': return { kind, op: (v.get('op') as 'avg' | 'max' | undefined) ?? 'avg', outputSize: pair('outputSize', [1, 1]) };
    case 'prelu': return { kind, sharedAxes: (v.get('sharedAxes') as readonly number[] | 'all' | undefined) ?? [] };
    case 'identity': return {
      kind, role: (v.get('role') as 'identity' | 'preprocessing' | 'augmentation' | undefined) ?? 'identity',
      ...(v.get('statefulNormalization') === true ? { statefulNormalization: true } : {}),
    };
    case 'resize': return { kind, height: v.get('height') as number, width: v.get('width') as number, method: (v.get('method') as 'resize' | 'centerCrop' | undefined) ?? 'resize' };
    case 'merge': return { kind, op: v.get('op') as MergeSpec['op'], ...(v.has('axis') ? { axis: v.get('axis') as number } : {}) };
  }
}

export function parseConvlabJson(text: string): ParseResult {
  try {
    const r = new Reader(text);
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    r.syntax(errors);
    if (!root) return { models: [], diagnostics: r.diagnostics };
    let models: ModelIR[] = [];
    const list = root.type === 'object' ? r.properties(root).get('models')?.value : undefined;
    if (list) {
      if (list.type !== 'array') r.report(r.range(list), 'error', '"models" must be a list of models, each with "input" and "layers".');
      else models = (list.children ?? []).map((m, i) => r.model(m, i, false)).filter((m): m is ModelIR => m !== undefined);
    } else {
      const m = r.model(root, 0, true);
      if (m) models = [m];
    }
    return { models, diagnostics: r.diagnostics, ...(models[0] ? { inputShapeSource: models[0].inputShapeSource ?? 'unknown' } : {}) };
  } catch (error) {
    return {
      models: [],
      diagnostics: [{ range: { startLine: 0, startCol: 0, endLine: 0, endCol: 0 }, severity: 'information', code: 'unsupported', message: `ConvLab hit an internal error reading this file (${error instanceof Error ? error.message : String(error)}); please report it.` }],
    };
  }
}
