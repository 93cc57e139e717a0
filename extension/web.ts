/** The web extension host's entry (vscode.dev, the web build): the worker and the language server are Web Workers. */
import * as vscode from 'vscode';
import { activateConvLab, type ConvLabApi } from './activate';
import { webLanguageClient } from './language/webClient';
import { webWorkerFactory } from './worker/webFactory';

export function activate(context: vscode.ExtensionContext): ConvLabApi {
  const url = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').toString(true);
  const server = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'browser.js').toString(true);
  return activateConvLab(context, webWorkerFactory(url), webLanguageClient(server), globalThis.navigator?.hardwareConcurrency);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
