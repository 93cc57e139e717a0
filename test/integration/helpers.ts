/** Shared by the integration suites: the extension's API and waiting on its events. */
import * as vscode from 'vscode';
import * as assert from 'assert';
import type { ConvLabApi } from '../../extension/activate';
import type { HostToWebview } from '../../webview/protocol';

export const EXTENSION_ID = 'convlab.convlab';

export async function convlab(): Promise<ConvLabApi> {
  const ext = vscode.extensions.getExtension<ConvLabApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this window`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** Resolves with the first event that satisfies `accept`, or rejects after `ms`. */
export function nextEvent<T>(event: vscode.Event<T>, accept: (e: T) => boolean = () => true, ms = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no matching event within ${ms} ms`));
    }, ms);
    const sub = event((e) => {
      if (!accept(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

export const LECTURE_OUTPUT_TEXT = [['12', '12', '17'], ['10', '17', '19'], ['9', '6', '14']];
export const LECTURE_CONVOLUTION_TEXT = [['18', '20', '19'], ['10', '9', '17'], ['11', '8', '14']];

export type Posted<T extends HostToWebview['type']> = Extract<HostToWebview, { type: T }>;

/** Opens an example of the workspace (the examples folder) in the first editor group. */
export async function openExample(name: string): Promise<vscode.TextEditor> {
  const [uri] = await vscode.workspace.findFiles(`**/${name}`);
  assert.ok(uri, `${name} is in the examples folder`);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
}

/** The next message of this type the lab controller posts to its page that satisfies `accept`. */
export async function posted<T extends HostToWebview['type']>(type: T, accept: (m: Posted<T>) => boolean = () => true, ms = 30_000): Promise<Posted<T>> {
  const api = await convlab();
  return (await nextEvent(api.labController.onDidPost, (m) => m.type === type && accept(m as Posted<T>), ms)) as Posted<T>;
}
