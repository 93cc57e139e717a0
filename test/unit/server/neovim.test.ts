/**
 * A real LSP client that is not ours: Debian's Neovim, headless, configured as the README
 * says (test/unit/server/neovim/init.lua), opens a Keras file, and reads ConvLab's
 * diagnostic and a hover from `convlab lsp --stdio`. Skipped where nvim is not installed
 * (`apt-get install -y neovim`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO } from './lspClient';

const NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const HERE = path.join(REPO, 'test', 'unit', 'server', 'neovim');

test('Neovim (headless) reads a ConvLab diagnostic and hover from convlab lsp --stdio', { skip: NVIM.status !== 0 && 'nvim is not installed', timeout: 90_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'convlab-nvim-'));
  try {
    const file = path.join(dir, 'broken_keras.py');
    writeFileSync(file, [
      'import keras',
      'from keras import layers',
      'model = keras.Sequential([',
      '    keras.Input(shape=(4, 4, 1)),',
      '    layers.Conv2D(8, 5),',
      '    layers.Flatten(),',
      '    layers.Dense(10),',
      '])',
      '',
    ].join('\n'));
    const out = path.join(dir, 'out.json');
    const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(HERE, 'init.lua'), file, '-c', `luafile ${path.join(HERE, 'check.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 80_000,
      env: {
        ...process.env,
        HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir,
        CONVLAB_LSP_CMD: JSON.stringify([process.execPath, '--import', 'tsx', path.join(REPO, 'cli', 'main.ts'), 'lsp', '--stdio']),
        CONVLAB_LSP_CWD: REPO,
        CONVLAB_NVIM_OUT: out,
      },
    });
    assert.equal(r.status, 0, `nvim: ${r.stderr}${r.stdout}`);
    const got = JSON.parse(readFileSync(out, 'utf8')) as { diagnostics: { line: number; message: string; severity: number; source: string }[]; hover: string };
    const error = got.diagnostics.find((d) => d.severity === 1);
    assert.ok(error, JSON.stringify(got.diagnostics));
    assert.equal(error.line, 4, 'on the Conv2D line');
    assert.equal(error.source, 'ConvLab');
    assert.match(error.message, /5|kernel/i);
    assert.match(got.hover, /Conv2D/);
    assert.match(got.hover, /5·5·1·8 \+ 8 = 208/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
