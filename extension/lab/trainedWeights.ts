/**
 * Trained weights, kept per model file and model name in the workspace's state, so that
 * they survive a window reload: the panel, the side view and the hovers show the trained
 * kernels until the model is trained again. Float32 bytes are stored as base64 (a Memento
 * holds JSON; a number list would be three times larger).
 */
import type * as vscode from 'vscode';
import type { TrainedWeight } from '../../core/worker/weights';
import type { KernelTensor } from '../../server/initialKernels';
import type { EpochPoint, TrainSettings } from '../../webview/protocol';

export interface TrainedInfo {
  readonly savedAt: number;
  readonly settings: TrainSettings;
  readonly history: readonly EpochPoint[];
  readonly bestEpoch: number | null;
  readonly stoppedEpoch: number | null;
  readonly restoredEpoch: number | null;
  readonly test: { readonly loss: number; readonly accuracy: number } | null;
}

interface StoredWeight {
  readonly layer: string;
  readonly param: string;
  readonly shape: readonly number[];
  readonly base64: string;
}

interface Stored {
  readonly format: 1;
  readonly info: TrainedInfo;
  readonly weights: readonly StoredWeight[];
}

export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToFloat32(text: string): Float32Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, Math.floor(bytes.length / 4));
}

export class TrainedWeightsStore {
  /** Decoded once per key: hovers ask often. */
  private readonly decoded = new Map<string, { info: TrainedInfo; weights: TrainedWeight[] }>();

  constructor(private readonly memento: vscode.Memento) {}

  private key(uri: string, modelName: string): string {
    return `convlab.trained:${uri}#${modelName}`;
  }

  get(uri: string, modelName: string): { readonly info: TrainedInfo; readonly weights: readonly TrainedWeight[] } | undefined {
    const key = this.key(uri, modelName);
    const hit = this.decoded.get(key);
    if (hit) return hit;
    const stored = this.memento.get<Stored>(key);
    if (!stored || stored.format !== 1 || !Array.isArray(stored.weights)) return undefined;
    try {
      const weights = stored.weights.map((w) => ({ layer: w.layer, param: w.param, shape: [...w.shape], values: base64ToFloat32(w.base64) }));
      const entry = { info: stored.info, weights };
      this.decoded.set(key, entry);
      return entry;
    } catch {
      return undefined; // damaged state: as if never trained
    }
  }

  async set(uri: string, modelName: string, weights: readonly TrainedWeight[], info: TrainedInfo): Promise<void> {
    const key = this.key(uri, modelName);
    const copy = weights.map((w) => ({ layer: w.layer, param: w.param, shape: [...w.shape], values: w.values.slice() }));
    this.decoded.set(key, { info, weights: copy });
    const stored: Stored = { format: 1, info, weights: copy.map((w) => ({ layer: w.layer, param: w.param, shape: w.shape, base64: float32ToBase64(w.values) })) };
    await this.memento.update(key, stored);
  }

  async clear(uri: string, modelName: string): Promise<void> {
    const key = this.key(uri, modelName);
    this.decoded.delete(key);
    await this.memento.update(key, undefined);
  }

  /** A conv layer's trained kernel, for the hover ([filters, channels, kh, kw]). */
  kernel(uri: string, modelName: string, layerName: string): KernelTensor | undefined {
    const w = this.get(uri, modelName)?.weights.find((x) => x.layer === layerName && x.param === 'kernel');
    if (!w || w.shape.length !== 4) return undefined;
    return { shape: w.shape as unknown as [number, number, number, number], values: w.values };
  }
}
