/**
 * The `convlab.*` settings as the server sees them, per document: asked of the client with
 * workspace/configuration (VS Code answers from its settings; a client without the
 * capability, such as a bare Neovim, gets the defaults), cached until they change.
 */
import type { Connection } from 'vscode-languageserver';

export interface ServerSettings {
  readonly codeLensEnabled: boolean;
  readonly inlayHintsEnabled: boolean;
  /** convlab.pytorch.inputShape, read: [] when not set or malformed. */
  readonly defaultInputShape: readonly number[];
  readonly seed: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { codeLensEnabled: true, inlayHintsEnabled: true, defaultInputShape: [], seed: 0 };

/** "1x28x28" or "1×28×28" → [1, 28, 28]; undefined when it is not a list of positive integers. */
export function parseShapeSetting(text: unknown): number[] | undefined {
  if (typeof text !== 'string' || !text) return undefined;
  const parts = text.split(/[x×,\s]+/).filter(Boolean).map(Number);
  return parts.length > 0 && parts.length <= 4 && parts.every((n) => Number.isInteger(n) && n > 0 && n <= 1_000_000) ? parts : undefined;
}

/** The `convlab` section as a client returns it (any JSON) to settings. */
export function readSettings(section: unknown): ServerSettings {
  const s = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  const nested = (key: string): Record<string, unknown> => (s[key] && typeof s[key] === 'object' ? s[key] as Record<string, unknown> : {});
  const flag = (key: string): boolean => nested(key)['enabled'] !== false && s[`${key}.enabled`] !== false;
  const seed = Number(s['seed'] ?? 0);
  return {
    codeLensEnabled: flag('codeLens'),
    inlayHintsEnabled: flag('inlayHints'),
    defaultInputShape: parseShapeSetting(nested('pytorch')['inputShape'] ?? s['pytorch.inputShape']) ?? [],
    seed: Number.isInteger(seed) ? seed : 0,
  };
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let hit = this.cache.get(uri);
    if (!hit) {
      hit = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'convlab' }).then(readSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, hit);
    }
    return hit;
  }

  clear(): void {
    this.cache.clear();
  }
}
