/**
 * The page's entry, for the lab panel and the side view alike. It draws what the host
 * sends (computed by the worker) and reports what the learner does; it computes no model.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import './styles.css';
import './lab/lab.css';
import { el } from './dom';
import { LabPage } from './lab/labPage';
import type { PageBoot } from './protocol';
import { SidePage } from './sidePage';
import { parseHostMessage } from './validate';
import { vscode } from './vscodeApi';

const boot = JSON.parse(document.getElementById('convlab-boot')?.textContent ?? '{}') as PageBoot;
const root = document.getElementById('app')!;
const s = boot.strings ?? {};

const side = boot.view === 'side' ? new SidePage(root, s) : undefined;
const lab = boot.view === 'side' ? undefined : new LabPage(root, s);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) {
    console.warn('ConvLab page: dropped a malformed message from the host', event.data);
    return;
  }
  if (message.type === 'summary') {
    side?.showSummary(message.data);
    return;
  }
  if (message.type === 'sideKernels') {
    side?.showKernels(message.data);
    return;
  }
  if (message.type === 'error') {
    root.prepend(el('p', { class: 'error', role: 'alert' }, message.message));
    return;
  }
  lab?.receive(message);
});

if (lab) lab.start();
else vscode.postMessage({ type: 'ready' });
