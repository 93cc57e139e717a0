import { readFileSync } from 'node:fs';
import { parsePython } from '../core/parse/python/parsePython';
const f = process.argv[2]!;
const r = parsePython(readFileSync(f, 'utf8'));
console.log(JSON.stringify(r, (k, v) => (k === 'range' || k === 'appliedAt') && v ? `${v.startLine}:${v.startCol}-${v.endLine}:${v.endCol}` : v, 1).replace(/\n\s*/g, ' ').replace(/\{ "spec"/g, '\n  { "spec"').replace(/"diagnostics"/, '\n"diagnostics"').replace(/\{ "range"/g, '\n  { "range"'));
