/**
 * Import statements as name bindings, and the one canonical path for each framework name.
 *
 * Keras is reached many ways: `keras.layers.Conv2D`, `tf.keras.layers.Conv2D`,
 * `from tensorflow.keras.layers import Conv2D as C`, `keras.models.Sequential`. PyTorch
 * too: `nn.Conv2d` after `from torch import nn` or `import torch.nn as nn`. Every one is
 * reduced to a canonical path ('keras.layers.Conv2D', 'torch.nn.Conv2d') that the layer
 * tables are keyed by.
 */
import type { SyntaxNode } from './syntax';

export interface ImportBindings {
  /** Local name → dotted path it stands for ('' for a relative import ConvLab can't follow). */
  readonly names: [string, string][];
  /** Modules imported with `from m import *`. */
  readonly stars: string[];
}

export function importBindings(node: SyntaxNode, text: string): ImportBindings {
  const tokens: { name: string; text: string }[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'Comment' && c.name !== '(' && c.name !== ')') tokens.push({ name: c.name, text: text.slice(c.from, c.to) });
  }
  const names: [string, string][] = [];
  const stars: string[] = [];
  let i = 0;
  // A dotted name: a.b.c (leading dots for relative imports).
  const dotted = (): string => {
    let s = '';
    while (i < tokens.length && (tokens[i]!.name === '.' || tokens[i]!.name === 'VariableName' || tokens[i]!.name === 'Ellipsis')) {
      s += tokens[i]!.name === 'Ellipsis' ? '...' : tokens[i]!.text;
      i++;
    }
    return s;
  };
  const alias = (): string | undefined => {
    if (tokens[i]?.name !== 'as') return undefined;
    i++;
    return tokens[i]?.name === 'VariableName' ? tokens[i++]!.text : undefined;
  };
  if (tokens[0]?.name === 'from') {
    i = 1;
    const module = dotted();
    const relative = module.startsWith('.');
    if (tokens[i]?.name === 'import') i++;
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (t.name === '*') {
        if (!relative) stars.push(module);
        i++;
      } else if (t.name === 'VariableName') {
        i++;
        const local = alias() ?? t.text;
        names.push([local, relative ? '' : `${module}.${t.text}`]);
      } else i++;
    }
    return { names, stars };
  }
  i = 1;
  while (i < tokens.length) {
    if (tokens[i]!.name !== 'VariableName') {
      i++;
      continue;
    }
    const module = dotted();
    const local = alias();
    // `import torch.nn` binds `torch`; `import torch.nn as nn` binds the whole path.
    if (local) names.push([local, module]);
    else names.push([module.split('.')[0]!, module.split('.')[0]!]);
  }
  return { names, stars };
}

/**
 * The names learners use without importing them in snippets (the lecture's code has no
 * imports), read as the conventional modules. An import or assignment always wins.
 */
export const CONVENTIONAL_NAMES: Readonly<Record<string, string>> = {
  keras: 'keras',
  tf: 'tensorflow',
  tensorflow: 'tensorflow',
  layers: 'keras.layers',
  models: 'keras.models',
  torch: 'torch',
  nn: 'torch.nn',
  F: 'torch.nn.functional',
};

const PREFIXES: readonly [string, string][] = [
  ['tensorflow.python.keras.', 'keras.'],
  ['tensorflow.keras.', 'keras.'],
  ['tf_keras.', 'keras.'],
  ['keras.src.', 'keras.'],
  ['keras.api.', 'keras.'],
  ['keras.models.', 'keras.'],
  ['keras.engine.sequential.', 'keras.'],
  ['keras.engine.training.', 'keras.'],
  ['torch.nn.modules.', 'torch.nn.'],
];

/** Paths already made canonical: every framework call asks, with the few paths a file names. */
const canonical = new Map<string, string>();
/** A file that names more paths than this (generated code) starts the memo afresh, so it stays small. */
const MAX_REMEMBERED = 4096;

/** 'tensorflow.keras.layers.Conv2D' → 'keras.layers.Conv2D'; 'keras.models.Sequential' → 'keras.Sequential'. */
export function canonicalPath(path: string): string {
  let p = canonical.get(path);
  if (p === undefined) {
    if (canonical.size >= MAX_REMEMBERED) canonical.clear();
    p = canonicalOf(path);
    canonical.set(path, p);
  }
  return p;
}

function canonicalOf(path: string): string {
  let p = path;
  for (let changed = true; changed;) {
    changed = false;
    for (const [from, to] of PREFIXES) {
      if (p.startsWith(from)) {
        p = to + p.slice(from.length);
        changed = true;
      }
    }
  }
  if (p === 'tensorflow.keras') return 'keras';
  // keras.layers.convolutional.Conv2D (Keras 2's submodules) → keras.layers.Conv2D
  if (p.startsWith('keras.layers.') && p.split('.').length > 3) return `keras.layers.${p.split('.').pop()!}`;
  // torch.nn.modules.conv.Conv2d was shortened above to torch.nn.conv.Conv2d.
  if (p.startsWith('torch.nn.') && p.split('.').length > 3 && !p.startsWith('torch.nn.functional.')) return `torch.nn.${p.split('.').pop()!}`;
  return p;
}
