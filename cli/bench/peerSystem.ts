/**
 * A peer framework (Keras or PyTorch) as a contender: a Python child process running the
 * committed cli/bench/peers/peer_bench.py, which builds the same models and times its own
 * loops (see that script for why). One request is in flight at a time and the harness asks
 * the systems in turn, so the child computes only while the others wait: the measurements
 * are interleaved, never concurrent.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { PythonChoice } from './python';
import { describePython, lastLine } from './python';
import type { BenchInputs, BenchSystem, DepthEpochRun, Figure } from './system';
import type { Timing, TimingBudget } from './timing';

/** How one peer is started: the script's arguments and the environment that pins its threads. */
export interface PeerSpec {
  readonly name: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** Thrown when a peer cannot start at all: the report lists it as not measured, not failed. */
export class PeerUnavailableError extends Error {}

/** One call, for the harness's per-call work methods (timeFigure is what it normally uses). */
const ONE_CALL: TimingBudget = { warmupSeconds: 0, warmupCalls: 0, seconds: 0, minCalls: 1 };
/** TensorFlow's import and first graph take seconds; a depth-24 epoch in Python can take minutes. */
const START_TIMEOUT_MS = 180_000;
const REQUEST_TIMEOUT_MS = 900_000;

type Reply = Record<string, unknown> & { ok?: boolean; error?: string };

export class PeerSystem implements BenchSystem {
  readonly name: string;
  note: string;
  private child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  private pending: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  private stderr = '';
  private exited: string | undefined;

  constructor(private readonly spec: PeerSpec, private readonly python: PythonChoice, private readonly script: string) {
    this.name = spec.name;
    this.note = `${spec.name} via ${describePython(python)}`;
  }

  async setup(inputs: BenchInputs): Promise<void> {
    const child = spawn(this.python.command, [this.script, ...this.spec.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...this.spec.env },
    });
    this.child = child;
    child.stderr.on('data', (d: Buffer) => {
      // Only the tail matters (the exception of a crash); TensorFlow logs a lot before it.
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    child.on('error', (e) => this.fail(`${describePython(this.python)} did not start: ${e.message}`));
    // A write to a child that just died fails with EPIPE; 'close' reports why it died.
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) => this.fail(`exited (${signal ?? `code ${code}`})${lastLine(this.stderr) ? `: ${lastLine(this.stderr)}` : ''}`));
    createInterface({ input: child.stdout }).on('line', (line) => this.receive(line));

    let ready: Reply;
    try {
      ready = await this.next(START_TIMEOUT_MS); // the script's first line, once its framework is imported
    } catch (e) {
      throw new PeerUnavailableError(`${(e as Error).message}`);
    }
    if (typeof ready['note'] === 'string') this.note = ready['note'];
    await this.request({ type: 'setup', seed: inputs.seed });
  }

  async timeFigure(figure: Figure, budget: TimingBudget): Promise<Timing> {
    const r = await this.request({ type: 'time', figure, budget });
    return { calls: Number(r['calls']), seconds: Number(r['seconds']), callsPerSecond: Number(r['callsPerSecond']) };
  }

  async forwardBatch(): Promise<void> {
    await this.timeFigure('forward', ONE_CALL);
  }

  async trainBatch(): Promise<void> {
    await this.timeFigure('train', ONE_CALL);
  }

  async bigConv(): Promise<void> {
    await this.timeFigure('bigConv', ONE_CALL);
  }

  async denseStep(): Promise<void> {
    await this.timeFigure('denseStep', ONE_CALL);
  }

  async depthEpoch(run: DepthEpochRun): Promise<number> {
    const r = await this.request({ type: 'depthEpoch', ...run });
    return Number(r['seconds']);
  }

  dispose(): void {
    const child = this.child;
    this.child = undefined;
    if (!child || this.exited) return;
    // Ask politely (the script leaves its loop on 'quit'); stdin's end also ends the loop.
    child.stdin.end(JSON.stringify({ type: 'quit' }) + '\n');
    setTimeout(() => child.kill(), 2000).unref();
  }

  private async request(message: Record<string, unknown>): Promise<Reply> {
    if (!this.child || this.exited) throw new Error(`${this.name} is not running${this.exited ? `: ${this.exited}` : ''}`);
    this.child.stdin.write(JSON.stringify(message) + '\n');
    const reply = await this.next(REQUEST_TIMEOUT_MS);
    if (reply.ok !== true) throw new Error(String(reply.error ?? 'no answer'));
    return reply;
  }

  private next(timeoutMs: number): Promise<Reply> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(new Error(`no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending = {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });
  }

  private receive(line: string): void {
    const waiting = this.pending;
    if (!line.trim().startsWith('{')) return; // a framework's stray print, not a reply
    this.pending = undefined;
    try {
      waiting?.resolve(JSON.parse(line) as Reply);
    } catch {
      waiting?.reject(new Error(`unreadable reply: ${line.slice(0, 80)}`));
    }
  }

  private fail(reason: string): void {
    this.exited ??= reason;
    const waiting = this.pending;
    this.pending = undefined;
    waiting?.reject(new Error(reason));
  }
}
