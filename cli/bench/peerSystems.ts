/**
 * The peers of the benchmark — Keras on TensorFlow CPU with one thread and with all, and
 * PyTorch CPU with one thread — and which of them this machine can run. A machine without
 * Python (or without the frameworks) gets a one-line reason per missing peer and still
 * gets ConvLab's own figures.
 */
import type { PythonChoice, PythonProbe } from './python';
import { choosePython, describePython, peerScriptPath, probePython } from './python';
import type { PeerSpec } from './peerSystem';
import { PeerSystem } from './peerSystem';
import type { BenchSystem } from './system';

export const PEER_NAMES = ['keras-1t', 'keras-all', 'torch-1t'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

/**
 * One thread is pinned twice: by the framework's own setting in the script, and by
 * OMP_NUM_THREADS for the oneDNN/OpenMP pools that start before any setting is read.
 */
const ONE_THREAD = { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', TF_NUM_INTRAOP_THREADS: '1', TF_NUM_INTEROP_THREADS: '1' };
const QUIET = { TF_CPP_MIN_LOG_LEVEL: '2', PYTHONUNBUFFERED: '1' };

const SPECS: Record<PeerName, PeerSpec & { readonly needs: readonly (keyof PythonProbe)[] }> = {
  'keras-1t': { name: 'keras-1t', args: ['keras', '--threads', '1'], env: { ...QUIET, ...ONE_THREAD }, needs: ['tensorflow', 'keras'] },
  'keras-all': { name: 'keras-all', args: ['keras', '--threads', 'all'], env: QUIET, needs: ['tensorflow', 'keras'] },
  'torch-1t': { name: 'torch-1t', args: ['torch', '--threads', '1'], env: { ...QUIET, ...ONE_THREAD }, needs: ['torch'] },
};

export function isPeerName(name: string): name is PeerName {
  return (PEER_NAMES as readonly string[]).includes(name);
}

export interface PeerDiscovery {
  readonly systems: BenchSystem[];
  /** Peer → why it is not measured (one line each). */
  readonly skipped: Record<string, string>;
}

/** Hint added to every reason: the one setting that points the benchmark at a venv. */
const HINT = 'set CONVLAB_PYTHON=/path/to/venv/bin/python (pip install tensorflow-cpu keras torch)';

export async function discoverPeers(
  names: readonly PeerName[],
  options: { readonly python?: PythonChoice; readonly probe?: typeof probePython; readonly script?: string | undefined } = {},
): Promise<PeerDiscovery> {
  const skipped: Record<string, string> = {};
  if (names.length === 0) return { systems: [], skipped };
  const python = options.python ?? choosePython();
  const script = 'script' in options ? options.script : peerScriptPath();
  const skipAll = (reason: string): PeerDiscovery => {
    for (const n of names) skipped[n] = reason;
    return { systems: [], skipped };
  };
  if (!script) return skipAll('cli/bench/peers/peer_bench.py not found next to the CLI');
  const probe = await (options.probe ?? probePython)(python, script);
  if (!probe.ok) return skipAll(`${probe.reason}; ${HINT}`);
  const systems: BenchSystem[] = [];
  for (const name of names) {
    const spec = SPECS[name];
    const missing = spec.needs.filter((m) => !probe.found[m]);
    if (missing.length > 0) skipped[name] = `${describePython(python)} (Python ${probe.found.python}) cannot import ${missing.join(', ')}; ${HINT}`;
    else systems.push(new PeerSystem(spec, python, script));
  }
  return { systems, skipped };
}
