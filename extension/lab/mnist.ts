/**
 * MNIST reaches each worker once: the host reads the shipped asset with
 * vscode.workspace.fs (works on the web and in virtual workspaces) and hands the bytes over
 * with the loadMnist job. A restarted worker has a new id and gets the bytes again.
 *
 * With a pool (the depth experiment), the first worker inflates the asset into a
 * SharedArrayBuffer where it can and hands it back; every later worker gets that buffer,
 * which postMessage shares instead of copying: one copy of MNIST's 55 MB of bytes for the
 * whole pool. Where there is no SharedArrayBuffer (a web page that is not cross-origin
 * isolated), each worker gets the compressed asset and keeps its own uint8 copy.
 */
import * as vscode from 'vscode';
import { MNIST_ASSET_PATH } from '../../core/data/mnist';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { WorkerClient } from '../worker/client';

export class MnistLoader {
  private readonly loadedIn = new WeakMap<WorkerClient<ConvLabJobs>, string>();
  private readonly pending = new WeakMap<WorkerClient<ConvLabJobs>, Promise<void>>();
  private shared: Uint8Array | undefined;
  /** The first load in flight: the others wait for it, to be handed its shared buffer. */
  private first: Promise<void> | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly worker: WorkerClient<ConvLabJobs>, private readonly log: vscode.LogOutputChannel) {}

  /** Makes sure the worker (the window's, unless another of the pool is given) holds MNIST. */
  async ensure(worker: WorkerClient<ConvLabJobs> = this.worker): Promise<void> {
    const { workerId } = await worker.request('ping', {});
    if (this.loadedIn.get(worker) === workerId) return;
    let pending = this.pending.get(worker);
    if (!pending) {
      pending = this.load(worker, workerId).finally(() => this.pending.delete(worker));
      this.pending.set(worker, pending);
    }
    await pending;
  }

  private async load(worker: WorkerClient<ConvLabJobs>, workerId: string): Promise<void> {
    const started = Date.now();
    if (this.first) await this.first.catch(() => undefined);
    const shared = this.shared;
    const bytes = shared ?? (await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, ...MNIST_ASSET_PATH.split('/'))));
    const request = worker.request('loadMnist', { bytes }, { timeoutMs: 120_000 });
    if (!shared) this.first ??= request.then(() => undefined);
    const r = await request;
    if (r.shared) this.shared = r.shared;
    this.loadedIn.set(worker, workerId);
    this.log.info(`MNIST loaded in worker ${workerId}${shared ? ' (shared memory)' : ''}: ${r.trainCount} + ${r.testCount} images in ${Date.now() - started} ms`);
  }
}
