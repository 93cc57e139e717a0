/** The web extension host's entry (vscode.dev, the web build): the worker is a Web Worker. */
import * as vscode from 'vscode';
import { activateConvLab, type ConvLabApi } from './activate';
import { webWorkerFactory } from './worker/webFactory';

export function activate(context: vscode.ExtensionContext): ConvLabApi {
  const url = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').toString(true);
  return activateConvLab(context, webWorkerFactory(url), globalThis.navigator?.hardwareConcurrency);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
