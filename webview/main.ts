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
import { PaintQueue } from './paintQueue';
import type { PageBoot } from './protocol';
import { SidePage } from './sidePage';
import { parseHostMessage } from './validate';
import { vscode } from './vscodeApi';

const boot = JSON.parse(document.getElementById('convlab-boot')?.textContent ?? '{}') as PageBoot;
const root = document.getElementById('app')!;
const s = boot.strings ?? {};

// Ask for content first: messages are delivered only after this script has run, so the
// views below are built before any answer is drawn, while the host computes the answers.
if (boot.view === 'side') vscode.postMessage({ type: 'ready' });
else LabPage.announce();

const side = boot.view === 'side' ? new SidePage(root, s) : undefined;
const lab = boot.view === 'side' ? undefined : new LabPage(root, s);
const labQueue = lab && new PaintQueue((m) => lab.receive(m));

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
  labQueue?.push(message);
});

