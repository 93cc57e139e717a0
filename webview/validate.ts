/** Messages from the host are checked too before the page draws them. */
import type { ConvByHandData, GridData, HostToWebview, SummaryView } from './protocol';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isGrid(v: unknown): v is GridData {
  if (!isObject(v)) return false;
  const { rows, cols, data } = v;
  return (
    Number.isInteger(rows) && Number.isInteger(cols) && (rows as number) >= 0 && (cols as number) >= 0 &&
    (Array.isArray(data) || ArrayBuffer.isView(data)) &&
    (data as ArrayLike<unknown>).length === (rows as number) * (cols as number)
  );
}

function isConvByHand(v: unknown): v is ConvByHandData {
  return (
    isObject(v) && (v.mode === 'crossCorrelation' || v.mode === 'convolution') &&
    isGrid(v.input) && isGrid(v.kernel) && isGrid(v.slidKernel) && isGrid(v.output) &&
    [v.stride, v.padding, v.dilation].every((n) => Number.isInteger(n))
  );
}

function isSummary(v: unknown): v is SummaryView | null {
  if (v === null) return true;
  if (!isObject(v) || typeof v.fileName !== 'string' || !Array.isArray(v.models)) return false;
  return v.models.every((m: unknown) =>
    isObject(m) && typeof m.name === 'string' && typeof m.totalParams === 'number' && Array.isArray(m.layers) && Array.isArray(m.diagnostics) &&
    m.layers.every((l: unknown) => isObject(l) && typeof l.name === 'string' && typeof l.type === 'string' && typeof l.outputShape === 'string'));
}

export function parseHostMessage(raw: unknown): HostToWebview | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.type === 'summary' && isSummary(raw.data)) return { type: 'summary', data: raw.data };
  if (raw.type === 'convByHand' && isConvByHand(raw.data)) return { type: 'convByHand', data: raw.data };
  if (raw.type === 'error' && typeof raw.message === 'string') return { type: 'error', message: raw.message };
  return undefined;
}
