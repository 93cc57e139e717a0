import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { depthExperimentSeconds, depthPlan } from '../../../cli/bench/depth';
import { PeerSystem } from '../../../cli/bench/peerSystem';
import { discoverPeers, PEER_NAMES } from '../../../cli/bench/peerSystems';
import { choosePython, peerScriptPath, probePython } from '../../../cli/bench/python';
import { formatReport, reportJson } from '../../../cli/bench/report';
import { runBenchmark } from '../../../cli/bench/run';
import type { BenchSystem } from '../../../cli/bench/system';
import { makeBenchInputs } from '../../../cli/bench/system';
import type { TimingBudget } from '../../../cli/bench/timing';

const tiny: TimingBudget = { warmupSeconds: 0, warmupCalls: 1, seconds: 0.003, minCalls: 2 };
const FAKE = join(__dirname, '..', 'fixtures', 'fakePeer.mjs');
/** The fake peer runs under node, which stands in for the Python interpreter. */
const node = { command: process.execPath, from: 'CONVLAB_PYTHON' } as const;
const fakePeer = (name: string, mode: string): PeerSystem => new PeerSystem({ name, args: [mode, '--threads', '1'], env: {} }, node, FAKE);

/** ConvLab's place in the harness, without its work: figures come from call counts. */
const local: BenchSystem = {
  name: 'convlab',
  note: 'stub',
  setup: async () => {},
  forwardBatch: () => {},
  trainBatch: () => {},
  bigConv: () => {},
  denseStep: () => {},
  depthEpoch: async () => 1,
  dispose: () => {},
};

test('the Python is CONVLAB_PYTHON when set, else python3 on PATH; nothing else is guessed', () => {
  assert.deepEqual(choosePython({ CONVLAB_PYTHON: '/opt/venv/bin/python' }), { command: '/opt/venv/bin/python', from: 'CONVLAB_PYTHON' });
  assert.deepEqual(choosePython({}), { command: 'python3', from: 'PATH' });
  assert.deepEqual(choosePython({ CONVLAB_PYTHON: '  ' }), { command: 'python3', from: 'PATH' });
  assert.ok(peerScriptPath()?.endsWith(join('cli', 'bench', 'peers', 'peer_bench.py')), 'the committed script is found');
});

test('a Python that does not exist is a one-line reason, not a crash', async () => {
  const r = await probePython({ command: '/nonexistent/python3', from: 'CONVLAB_PYTHON' }, peerScriptPath()!);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /^no CONVLAB_PYTHON=\/nonexistent\/python3 found$/);
  const d = await discoverPeers(PEER_NAMES, { python: { command: '/nonexistent/python3', from: 'CONVLAB_PYTHON' } });
  assert.deepEqual(d.systems, []);
  assert.deepEqual(Object.keys(d.skipped), [...PEER_NAMES]);
  for (const reason of Object.values(d.skipped)) {
    assert.ok(!reason.includes('\n'), 'one line');
    assert.match(reason, /set CONVLAB_PYTHON=/);
  }
});

test('a Python without torch runs the Keras peers and says why PyTorch is not measured', async () => {
  const probe = async () => ({ ok: true as const, found: { python: '3.11.7', tensorflow: '2.21.0', keras: '3.15.1', torch: null } });
  const d = await discoverPeers(PEER_NAMES, { python: { command: 'python3', from: 'PATH' }, probe, script: '/x/peer_bench.py' });
  assert.deepEqual(d.systems.map((s) => s.name), ['keras-1t', 'keras-all']);
  assert.match(d.skipped['torch-1t']!, /python3 on PATH \(Python 3\.11\.7\) cannot import torch/);
});

test('a peer process is measured turn by turn with ConvLab; --json has the same keys for both', async () => {
  const log: string[] = [];
  const report = await runBenchmark([local, fakePeer('keras-1t', 'ok')], makeBenchInputs(), {
    budget: tiny,
    log: (l) => void log.push(l),
    depth: { plan: depthPlan(true, 1), epochsPerDepth: 20 },
  });
  assert.deepEqual(report.failures, {});
  assert.equal(report.notes['keras-1t'], 'fake peer (--threads 1)', "the peer's own note");
  const peer = report.figures['keras-1t']!;
  assert.equal(peer.trainImgPerSec, 100 * 64, 'the rate the child timed, not a round trip per call');
  assert.equal(peer.denseStepGflops, (50 * 3 * 2 * 256 * 512 * 512) / 1e9);
  assert.deepEqual(peer.depthEpochSeconds, { 24: 20, 1: 5, 0: 5 }, 'a tenth of an epoch, scaled by 10');
  assert.equal(peer.depthExperimentSeconds, 20 * (5 + 12 * (5 + 20)));
  const json = JSON.parse(reportJson(report)) as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(json['convlab']!), Object.keys(json['keras-1t']!));
  assert.equal(json['keras-1t']!['depth24EpochSeconds'], 20);
  const depthTurns = log.map((l) => /^(\S+): depth (\d+), one epoch/.exec(l)).filter((m) => m !== null).map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(depthTurns, ['convlab 24', 'keras-1t 24', 'convlab 1', 'keras-1t 1', 'convlab 0', 'keras-1t 0'], 'deepest first, in turns');
  assert.match(formatReport(report), /convlab ÷ keras-1t: train [\d.,]+× \(target ≥ 0\.8×/);
});

test('a peer that cannot import its framework is "not measured" (not a failure); one that dies mid-run fails alone', async () => {
  const report = await runBenchmark([local, fakePeer('torch-1t', 'no-framework'), fakePeer('keras-1t', 'die-on-time')], makeBenchInputs(), { budget: tiny, log: () => {} });
  assert.match(report.skipped['torch-1t']!, /ModuleNotFoundError: No module named 'torch'/);
  assert.ok(!('torch-1t' in report.failures));
  assert.match(report.failures['keras-1t']!, /exited \(code 139\): Segmentation fault/);
  assert.deepEqual(Object.keys(report.figures), ['convlab'], "ConvLab's own figures still come");
  assert.match(formatReport(report), /torch-1t: not measured: .*No module named 'torch'/);
});

test('the depth experiment estimate: depths 1…24 grow by one layer each, so they sum to 12·(t1 + t24)', () => {
  const t0 = 3;
  const t1 = 10;
  const t24 = 102;
  let sum = t0;
  for (let d = 1; d <= 24; d++) sum += t1 + ((d - 1) * (t24 - t1)) / 23;
  assert.ok(Math.abs(depthExperimentSeconds({ 0: t0, 1: t1, 24: t24 }, 1)! - sum) < 1e-9);
  assert.equal(depthExperimentSeconds({ 0: t0, 24: t24 }, 20), undefined, 'not without all three depths');
  assert.deepEqual(depthPlan(false, 7).runs.map((r) => [r.depth, r.trainCount, r.validCount]), [[24, 60000, 10000], [1, 60000, 10000], [0, 60000, 10000]]);
});

test('bench on a machine without Python: ConvLab\'s own figures, a note for each peer, exit 0', async () => {
  const { main } = await import('../../../cli/main');
  const before = process.env['CONVLAB_PYTHON'];
  process.env['CONVLAB_PYTHON'] = '/nonexistent/python3';
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(['bench', '--quick', '--no-depth', '--systems', 'convlab,keras-1t,torch-1t', '--json'], { out: (l) => void out.push(l), err: (l) => void err.push(l) });
    assert.equal(code, 0);
  } finally {
    if (before === undefined) delete process.env['CONVLAB_PYTHON'];
    else process.env['CONVLAB_PYTHON'] = before;
  }
  const json = JSON.parse(out.at(-1)!) as Record<string, Record<string, number | null>>;
  assert.deepEqual(Object.keys(json), ['convlab']);
  for (const key of ['trainImgPerSec', 'forwardImgPerSec', 'bigConvGflops', 'denseStepGflops']) assert.ok(json['convlab']![key]! > 0, key);
  assert.equal(json['convlab']!['depth24EpochSeconds'], null, '--no-depth');
  assert.deepEqual(err.filter((l) => l.includes('not measured')), ['keras-1t, torch-1t: not measured: no CONVLAB_PYTHON=/nonexistent/python3 found; set CONVLAB_PYTHON=/path/to/venv/bin/python (pip install tensorflow-cpu keras torch)']);
});

test('the committed peer script answers the probe with the frameworks it finds (python3 on PATH, where there is one)', async (t) => {
  const r = await probePython({ command: 'python3', from: 'PATH' }, peerScriptPath()!);
  if (!r.ok && /^no python3/.test(r.reason)) {
    t.skip('no python3 on this machine');
    return;
  }
  assert.ok(r.ok, !r.ok ? r.reason : '');
  assert.match(r.found.python, /^3\.\d+/);
  for (const m of ['tensorflow', 'keras', 'torch'] as const) assert.ok(r.found[m] === null || typeof r.found[m] === 'string', m);
});
