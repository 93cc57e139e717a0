/**
 * MNIST reaches the worker once per worker: the host reads the shipped asset with
 * vscode.workspace.fs (works on the web and in virtual workspaces) and hands the bytes over
 * with the loadMnist job. A restarted worker has a new id and gets the bytes again.
 */
import * as vscode from 'vscode';
import { MNIST_ASSET_PATH } from '../../core/data/mnist';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { WorkerClient } from '../worker/client';

export class MnistLoader {
  private loadedIn: string | undefined;
  private pending: Promise<void> | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly worker: WorkerClient<ConvLabJobs>, private readonly log: vscode.LogOutputChannel) {}

  async ensure(): Promise<void> {
    const { workerId } = await this.worker.request('ping', {});
    if (this.loadedIn === workerId) return;
    this.pending ??= this.load(workerId).finally(() => (this.pending = undefined));
    await this.pending;
  }

  private async load(workerId: string): Promise<void> {
    const started = Date.now();
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, ...MNIST_ASSET_PATH.split('/')));
    const r = await this.worker.request('loadMnist', { bytes }, { timeoutMs: 120_000 });
    this.loadedIn = workerId;
    this.log.info(`MNIST loaded in the worker: ${r.trainCount} + ${r.testCount} images in ${Date.now() - started} ms`);
  }
}
