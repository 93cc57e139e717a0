// `npm test`: every check ConvLab has, in order — build, type-checks, lint, unit tests,
// the integration suite inside the real VS Code web build, and the UI test that drives the
// workbench — then one closing line `N passed, N failed` over all of them.
// `node test/run-all.mjs unit` (or static, integration, ui) runs only those stages.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RESULTS = path.join(REPO, 'test-results');
const only = process.argv.slice(2);
const bin = (name) => path.join(REPO, 'node_modules', '.bin', name);

function run(cmd, args, { capture = false } = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8', env: process.env });
  if (capture) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
  }
  return { ok: r.status === 0, out: `${r.stdout ?? ''}\n${r.stderr ?? ''}` };
}

/** The last `[label: ]N passed, N failed` line a runner printed. */
function countsFrom(out, label) {
  const lines = out.split('\n').filter((l) => new RegExp(`^${label}: \\d+ passed, \\d+ failed`).test(l.trim()));
  const m = /(\d+) passed, (\d+) failed/.exec(lines.at(-1) ?? '');
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'fixtures' ? [] : findTests(p);
    return name.endsWith('.test.ts') ? [p] : [];
  });
}

const stages = [
  {
    name: 'build',
    kind: 'static',
    // The MNIST asset first: the data tests read it and the .vsix ships it. The wasm kernels
    // are checked in as generated TypeScript; their build only recompiles when a source changed.
    run: () =>
      run(process.execPath, ['scripts/build-mnist.mjs']).ok &&
      run(process.execPath, ['scripts/build-wasm.mjs']).ok &&
      run(process.execPath, ['esbuild.config.mjs']).ok,
  },
  { name: 'typecheck (extension, webview, tests)', kind: 'static', run: () => run(bin('tsc'), ['-p', 'tsconfig.json']).ok },
  { name: 'typecheck (core: no DOM, no Node)', kind: 'static', run: () => run(bin('tsc'), ['-p', 'tsconfig.core.json']).ok },
  { name: 'lint', kind: 'static', run: () => run(bin('eslint'), ['.', '--max-warnings=0']).ok },
  {
    name: 'unit tests',
    kind: 'unit',
    run: () => {
      const tap = path.join(RESULTS, 'unit.tap');
      const files = findTests(path.join(REPO, 'test', 'unit')).sort();
      const r = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
        '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files]);
      const text = readFileSync(tap, 'utf8');
      const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
      const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
      return { passed: pass, failed: fail || (r.ok ? 0 : 1) };
    },
  },
  {
    name: 'integration tests (VS Code web build)',
    kind: 'integration',
    run: () => {
      const r = run(process.execPath, ['test/web/runIntegration.mjs'], { capture: true });
      const c = countsFrom(r.out, 'integration');
      return c ? { passed: c.passed, failed: c.failed || (r.ok ? 0 : 1) } : { passed: 0, failed: 1 };
    },
  },
  {
    name: 'UI test (workbench driven like a person)',
    kind: 'ui',
    run: () => {
      const r = run(process.execPath, ['test/ui/workbench.mjs'], { capture: true });
      const c = countsFrom(r.out, 'ui');
      return c ? { passed: c.passed, failed: c.failed || (r.ok ? 0 : 1) } : { passed: 0, failed: 1 };
    },
  },
];

mkdirSync(RESULTS, { recursive: true });
let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  if (only.length && !only.includes(stage.kind) && stage.name !== 'build') continue;
  console.log(`\n━━ ${stage.name}`);
  const started = Date.now();
  const result = stage.run();
  const counts = typeof result === 'boolean' ? { passed: result ? 1 : 0, failed: result ? 0 : 1 } : result;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${counts.failed ? '✘' : '✔'} ${stage.name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (stage.name === 'build' && counts.failed) break; // nothing else can run without a build
}
console.log(`\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
