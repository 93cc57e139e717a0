/**
 * The contenders by name. Each module is loaded only when its system is asked for, so that
 * `convlab train` and `--systems convlab` never load tfjs or convnetjs.
 */
import type { BenchSystem } from './system';

// tfjs-wasm right after convlab: they share the first session and are measured turn by turn.
export const SYSTEM_NAMES = ['convlab', 'tfjs-wasm', 'tfjs-cpu', 'convnetjs'] as const;
export type SystemName = (typeof SYSTEM_NAMES)[number];

export function isSystemName(name: string): name is SystemName {
  return (SYSTEM_NAMES as readonly string[]).includes(name);
}

export async function createSystem(name: SystemName): Promise<BenchSystem> {
  switch (name) {
    case 'tfjs-cpu':
    case 'tfjs-wasm': {
      const { TfjsSystem } = await import('./tfjsSystem');
      return new TfjsSystem(name === 'tfjs-cpu' ? 'cpu' : 'wasm');
    }
    case 'convnetjs': {
      const { ConvnetjsSystem } = await import('./convnetjsSystem');
      return new ConvnetjsSystem();
    }
    case 'convlab': {
      const { ConvlabSystem } = await import('./convlabSystem');
      return new ConvlabSystem();
    }
  }
}
