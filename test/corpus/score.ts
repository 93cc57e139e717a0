/**
 * ConvLab on the model corpus beside what the real frameworks say (expected.json, written
 * by test/oracle/corpus_oracle.py): per model, the parameter count, the output shapes and
 * whether ConvLab calls the model complete. `npm run corpus` prints the table; the unit
 * test (test/unit/corpus.test.ts) asserts the same rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseModel } from '../../core/analysis/analyse';
import { parsePython } from '../../core/parse';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface Expected {
  readonly file: string;
  readonly model: string;
  readonly framework: 'keras' | 'pytorch';
  readonly params: number;
  readonly trainableParams: number;
  readonly outputShapes: readonly (readonly number[])[];
}

export interface Row {
  readonly expected: Expected;
  readonly found: boolean;
  readonly params: number | null;
  readonly trainableParams: number | null;
  readonly outputShapes: readonly (readonly number[] | null)[];
  readonly complete: boolean;
  readonly errors: readonly string[];
  readonly models: readonly string[];
}

interface ManifestEntry { readonly file: string; readonly model: string; readonly input?: readonly number[] }

export function scoreCorpus(): Row[] {
  const manifest = JSON.parse(readFileSync(path.join(HERE, 'manifest.json'), 'utf8')) as { models: ManifestEntry[] };
  const expected = JSON.parse(readFileSync(path.join(HERE, 'expected.json'), 'utf8')) as { models: Expected[] };
  return expected.models.map((e, i) => {
    const entry = manifest.models[i]!;
    const text = readFileSync(path.join(HERE, e.file), 'utf8');
    const parsed = parsePython(text, entry.input ? { defaultInputShape: entry.input } : {});
    const model = parsed.models.find((m) => m.name === e.model);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.startLine + 1}: ${d.message}`);
    if (!model) return { expected: e, found: false, params: null, trainableParams: null, outputShapes: [], complete: false, errors, models: parsed.models.map((m) => m.name) };
    const a = analyseModel(model);
    errors.push(...a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${(d.range?.startLine ?? -1) + 1}: ${d.message}`));
    return { expected: e, found: true, params: a.totals.params, trainableParams: a.totals.trainableParams, outputShapes: a.outputShapes, complete: a.totals.complete, errors, models: parsed.models.map((m) => m.name) };
  });
}

export function rowOk(r: Row): boolean {
  return r.found && r.params === r.expected.params && r.trainableParams === r.expected.trainableParams && JSON.stringify(r.outputShapes) === JSON.stringify(r.expected.outputShapes) && r.errors.length === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rows = scoreCorpus();
  for (const r of rows) {
    const shapes = (s: readonly (readonly number[] | null)[]): string => s.map((x) => (x ? x.join('×') : '?')).join(', ');
    console.log(`${rowOk(r) ? '✔' : '✘'} ${r.expected.file.padEnd(30)} ${r.expected.model.padEnd(16)} framework ${String(r.expected.params).padStart(9)}  ConvLab ${String(r.params ?? '—').padStart(9)}${r.complete ? '' : ' (at least)'}${r.trainableParams === r.expected.trainableParams ? '' : ` trainable ${r.trainableParams} ≠ ${r.expected.trainableParams}`}  shapes ${shapes(r.expected.outputShapes)} / ${shapes(r.outputShapes)}${r.errors.length ? `  errors: ${r.errors.join(' | ')}` : ''}${r.found ? '' : `  models: ${r.models.join(', ')}`}`);
  }
  const ok = rows.filter(rowOk).length;
  console.log(`\n${ok} of ${rows.length} models: parameter counts (all and trainable) and output shapes equal the framework's, no error diagnostics.`);
}
