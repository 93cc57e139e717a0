/**
 * Image files for the Sobel lesson: the learner picks a PNG or JPEG of the workspace (a
 * QuickPick of what findFiles finds, or the open dialog), the host reads its bytes with
 * vscode.workspace.fs (works on the web and in virtual workspaces) and checks from the
 * header that it is a picture it may hand to the page; the page decodes it.
 */
import * as vscode from 'vscode';
import { readImageHeader, type ImageHeader } from '../../core/image/header';
import type { ImageMime } from '../../webview/protocol';

export interface ImageFile {
  readonly name: string;
  readonly mime: ImageMime;
  readonly header: ImageHeader;
  readonly bytes: Uint8Array;
}

const GLOB = '**/*.{png,PNG,jpg,JPG,jpeg,JPEG}';

/** The file's name as the learner knows it: relative to the workspace when inside it. */
export function displayName(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : uri.path.split('/').pop() ?? uri.toString();
}

/** Asks for a picture: the workspace's PNG and JPEG files, and a way to browse for others. */
export async function pickImageFile(): Promise<vscode.Uri | undefined> {
  const t = vscode.l10n.t;
  let found: vscode.Uri[] = [];
  try {
    found = await vscode.workspace.findFiles(GLOB, '**/{node_modules,.git}/**', 500);
  } catch {
    // Some workspaces (virtual ones, the web) have no file search: the dialog still works.
  }
  const browse = { label: `$(folder-opened) ${t('Browse…')}`, uri: undefined as vscode.Uri | undefined };
  let chosen: vscode.Uri | undefined;
  if (found.length > 0) {
    const items = found
      .map((uri) => ({ label: displayName(uri), uri: uri as vscode.Uri | undefined }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const pick = await vscode.window.showQuickPick([...items, browse], { placeHolder: t('An image (PNG or JPEG) to find edges in') });
    if (!pick) return undefined;
    chosen = pick.uri;
  }
  if (!chosen) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { [t('Images')]: ['png', 'jpg', 'jpeg'] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      openLabel: t('Find edges'),
    });
    chosen = picked?.[0];
  }
  return chosen;
}

/** The file's bytes and header, or the reason it cannot be used, in words. */
export async function readImageFile(uri: vscode.Uri): Promise<ImageFile | { readonly error: string }> {
  const name = displayName(uri);
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { error: vscode.l10n.t('{0} is a folder, not an image.', name) };
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return { error: vscode.l10n.t('ConvLab could not read {0}: {1}', name, error instanceof Error ? error.message : String(error)) };
  }
  const header = readImageHeader(bytes);
  if ('error' in header) return { error: vscode.l10n.t('ConvLab cannot use {0} as an image: {1}.', name, header.error) };
  return { name, mime: header.kind === 'png' ? 'image/png' : 'image/jpeg', header, bytes };
}
