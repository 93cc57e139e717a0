/**
 * Which Python the benchmark's peers run in, and what it can import. The Python is
 * `CONVLAB_PYTHON` when set (a venv's bin/python, say), else `python3` on PATH: nothing
 * else is guessed, so a learner always knows which interpreter was measured.
 *
 * The probe asks peer_bench.py --probe, which looks the frameworks up without importing
 * them (TensorFlow alone takes seconds to import); a broken install then shows when its
 * peer starts, and is reported there.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PythonChoice {
  readonly command: string;
  /** Where it came from, for the notes: 'CONVLAB_PYTHON' or 'PATH'. */
  readonly from: 'CONVLAB_PYTHON' | 'PATH';
}

export function choosePython(env: NodeJS.ProcessEnv = process.env): PythonChoice {
  const explicit = env['CONVLAB_PYTHON']?.trim();
  return explicit ? { command: explicit, from: 'CONVLAB_PYTHON' } : { command: 'python3', from: 'PATH' };
}

/** Framework versions the probe found; null where the module is missing. */
export interface PythonProbe {
  readonly python: string;
  readonly tensorflow: string | null;
  readonly keras: string | null;
  readonly torch: string | null;
}

export type ProbeResult = { readonly ok: true; readonly found: PythonProbe } | { readonly ok: false; readonly reason: string };

/**
 * The committed peer script. Under tsx this file is cli/bench/python.ts; bundled it is
 * dist/cli/convlab.js, two folders below the repository, where cli/ is.
 */
export function peerScriptPath(): string | undefined {
  const candidates = [join(__dirname, 'peers', 'peer_bench.py'), join(__dirname, '..', '..', 'cli', 'bench', 'peers', 'peer_bench.py')];
  return candidates.find((p) => existsSync(p));
}

/** How to name a Python in a note: the command and where it came from. */
export function describePython(choice: PythonChoice): string {
  return choice.from === 'CONVLAB_PYTHON' ? `CONVLAB_PYTHON=${choice.command}` : 'python3 on PATH';
}

/** Runs the probe; never throws: a missing or broken Python becomes a one-line reason. */
export function probePython(choice: PythonChoice, script: string, timeoutMs = 30_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let out = '';
    let err = '';
    let settled = false;
    const done = (r: ProbeResult): void => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(r);
      }
    };
    const child = spawn(choice.command, [script, '--probe'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill();
      done({ ok: false, reason: `${describePython(choice)} did not answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      done({ ok: false, reason: e.code === 'ENOENT' ? `no ${describePython(choice)} found` : `${describePython(choice)} did not start: ${e.message}` });
    });
    child.on('close', (code) => {
      if (code !== 0) {
        done({ ok: false, reason: `${describePython(choice)} failed (exit ${code}): ${lastLine(err) || 'no message'}` });
        return;
      }
      try {
        done({ ok: true, found: JSON.parse(lastLine(out)) as PythonProbe });
      } catch {
        done({ ok: false, reason: `${describePython(choice)} gave an unreadable probe answer: ${lastLine(out).slice(0, 80)}` });
      }
    });
  });
}

/** The last non-empty line of a process's output: where Python puts the exception. */
export function lastLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
}
