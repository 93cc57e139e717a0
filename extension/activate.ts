/**
 * Activation shared by both entries (node.ts, web.ts): they differ only in how the worker
 * is started. Returns the API the integration tests use to look inside.
 */
import * as vscode from 'vscode';
import type { ConvLabJobs } from '../core/worker/protocol';
import { LabPanels } from './webview/labPanel';
import { SideViewProvider } from './webview/sideView';
import { WorkerClient } from './worker/client';
import type { WorkerFactory } from './worker/port';

export interface ConvLabApi {
  readonly worker: WorkerClient<ConvLabJobs>;
  readonly lab: LabPanels;
  readonly sideView: SideViewProvider;
}

export function activateConvLab(context: vscode.ExtensionContext, workerFactory: WorkerFactory): ConvLabApi {
  const log = vscode.window.createOutputChannel('ConvLab', { log: true });
  context.subscriptions.push(log);

  const worker = new WorkerClient<ConvLabJobs>(workerFactory, {
    log: (message) => log.info(message),
    onCrash: (reason) => {
      log.error(`worker crashed: ${reason}`);
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t("ConvLab's worker stopped ({0}). It starts again on your next action; the rest of VS Code is not affected.", reason),
          vscode.l10n.t('Show Log'),
        )
        .then((choice) => choice && log.show());
    },
  });
  context.subscriptions.push({ dispose: () => worker.dispose() });

  const deps = { extensionUri: context.extensionUri, worker, log };
  const lab = new LabPanels(deps);
  const sideView = new SideViewProvider(deps);
  context.subscriptions.push(lab, sideView);

  context.subscriptions.push(
    vscode.commands.registerCommand('convlab.convByHand', () => lab.show()),
    vscode.commands.registerCommand('convlab.showLog', () => log.show()),
  );
  return { worker, lab, sideView };
}
