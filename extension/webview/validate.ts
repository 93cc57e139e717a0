/**
 * Messages from a webview are untrusted input: a page can be buggy, and its messages are
 * plain JSON. Each is checked field by field before the host acts on it; anything else is
 * dropped (the caller logs it).
 */
import type { CommandFromWebview, ConvModeName, WebviewToHost } from '../../webview/protocol';

const MODES: readonly ConvModeName[] = ['crossCorrelation', 'convolution'];
const COMMANDS: readonly CommandFromWebview[] = ['convlab.convByHand', 'convlab.showLog'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOneOf = <T extends string>(v: unknown, allowed: readonly T[]): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100_000;
const isStringGrid = (v: unknown): v is string[][] =>
  Array.isArray(v) && v.length <= 10_000 && v.every((row) => Array.isArray(row) && row.every((c) => typeof c === 'string'));

export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'setConvMode':
      return isOneOf(raw.mode, MODES) ? { type: 'setConvMode', mode: raw.mode } : undefined;
    case 'runCommand':
      return isOneOf(raw.command, COMMANDS) ? { type: 'runCommand', command: raw.command } : undefined;
    case 'revealLayer':
      return isIndex(raw.model) && isIndex(raw.layer) ? { type: 'revealLayer', model: raw.model, layer: raw.layer } : undefined;
    case 'rendered':
      return raw.view === 'convByHand' && isOneOf(raw.mode, MODES) && isStringGrid(raw.output)
        ? { type: 'rendered', view: 'convByHand', mode: raw.mode, output: raw.output }
        : undefined;
    default:
      return undefined;
  }
}
