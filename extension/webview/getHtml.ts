/**
 * The one place a ConvLab page is built, for the panel and the side view alike. Security
 * as VS Code's webview guide asks: a CSP of default-src 'none', scripts only by a fresh
 * nonce, styles/images/fonts only from the extension, and resources only from dist/webview.
 */
import * as vscode from 'vscode';
import type { PageBoot } from '../../webview/protocol';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

/** 128 bits from crypto.getRandomValues (present in both extension hosts), as hex. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON that is safe inside a <script> element: no "</script>" or "<!--" can form. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function getHtml(webview: vscode.Webview, extensionUri: vscode.Uri, boot: PageBoot): string {
  const nonce = makeNonce();
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data: blob:`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${style.toString()}">
  <title>ConvLab</title>
</head>
<body class="view-${boot.view}">
  <main id="app" aria-live="polite"></main>
  <script nonce="${nonce}" id="convlab-boot" type="application/json">${scriptJson(boot)}</script>
  <script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
