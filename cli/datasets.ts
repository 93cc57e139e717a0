/**
 * Datasets for the CLI's commands, by name. The CLI reads the MNIST asset with fs (core/
 * never reads files) from wherever the build put it: beside the bundle (dist/cli → dist/data),
 * from the source tree under tsx (cli → dist/data), or from the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Dataset, ImageShape } from '../core/data/dataset';
import { loadMnistAsset, MNIST_ASSET_PATH, mnistDataset } from '../core/data/mnist';
import { PROCEDURAL_DATASETS } from '../core/data/procedural';

export const DATASET_NAMES = ['mnist', 'bars', 'shapes'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

export interface DatasetRequest {
  readonly seed: number;
  /** Defaults: MNIST's full 60,000/10,000; the procedural sets' own defaults. */
  readonly trainCount?: number;
  readonly testCount?: number;
  /** An explicit MNIST asset path (--mnist); otherwise it is looked for. */
  readonly mnistPath?: string;
  /** [C, H, W] to draw procedural images at: the model's own input. */
  readonly shape?: ImageShape;
}

/** Where the MNIST asset is, or undefined. */
export function findMnistAsset(explicit?: string): string | undefined {
  if (explicit) return existsSync(explicit) ? resolve(explicit) : undefined;
  const script = process.argv[1] ? dirname(resolve(process.argv[1])) : process.cwd();
  const candidates = [
    join(script, '..', 'data', 'mnist.bin.gz'), // dist/cli/convlab.js → dist/data
    join(script, '..', MNIST_ASSET_PATH), // cli/main.ts under tsx → dist/data
    join(process.cwd(), MNIST_ASSET_PATH),
  ];
  return candidates.find((p) => existsSync(p));
}

export async function loadDataset(name: DatasetName, request: DatasetRequest): Promise<Dataset> {
  const counts = {
    ...(request.trainCount !== undefined ? { trainCount: request.trainCount } : {}),
    ...(request.testCount !== undefined ? { testCount: request.testCount } : {}),
  };
  if (name !== 'mnist') return PROCEDURAL_DATASETS[name]({ ...counts, seed: request.seed, ...(request.shape ? { shape: request.shape } : {}) });
  const path = findMnistAsset(request.mnistPath);
  if (!path) {
    throw new Error(`MNIST asset not found${request.mnistPath ? ` at ${request.mnistPath}` : ''}: build it with 'node scripts/build-mnist.mjs' (writes ${MNIST_ASSET_PATH})`);
  }
  const archive = await loadMnistAsset(new Uint8Array(readFileSync(path)));
  // The full set in its own order unless a subset was asked for; a subset is seeded.
  const subset = request.trainCount !== undefined || request.testCount !== undefined;
  return mnistDataset(archive, { ...counts, ...(subset ? { seed: request.seed } : {}) });
}
