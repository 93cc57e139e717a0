// One build for everything ConvLab ships or tests. `node esbuild.config.mjs` builds once;
// `--watch` rebuilds on change; `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * mocha.js is a UMD file inside a "type": "module" package, so esbuild reads it as an ES
 * module and its `module.exports = mocha` would land on the bundle's own exports: VS Code
 * would then call mocha's run() instead of the suite's. Give it a module object of its own.
 */
const mochaBrowserBuild = {
  name: 'mocha-browser-build',
  setup(build) {
    build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      return { contents: `var module = { exports: {} }; var exports = module.exports;\n${source}\nexport default module.exports;`, loader: 'js' };
    });
  },
};

/** Settings every bundle shares. */
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  target: 'es2022',
  logLevel: 'info',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  // The Node extension host entry (desktop VS Code): CommonJS, `vscode` provided by the host.
  // mainFields: jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot
  // follow (evanw/esbuild#1619); its "module" build bundles cleanly.
  { ...common, entryPoints: { node: 'extension/node.ts' }, outdir: 'dist/extension', platform: 'node', format: 'cjs', mainFields: ['module', 'main'], external: ['vscode'] },
  // The web extension host entry (vscode.dev, the web build): a CommonJS module run in a Web Worker.
  { ...common, entryPoints: { web: 'extension/web.ts' }, outdir: 'dist/extension', platform: 'browser', format: 'cjs', external: ['vscode'] },
  // The language server: its own Node process on desktop (started by the client over IPC)...
  { ...common, entryPoints: { node: 'server/node.ts' }, outdir: 'dist/server', platform: 'node', format: 'cjs', mainFields: ['module', 'main'] },
  // ...and a Web Worker on the web: a classic script, for the same importScripts reason as the worker.
  { ...common, entryPoints: { browser: 'server/browser.ts' }, outdir: 'dist/server', platform: 'browser', format: 'iife' },
  // The numeric worker: a classic script, because the web host loads workers with importScripts.
  { ...common, entryPoints: { worker: 'core/worker/main.ts' }, outdir: 'dist', platform: 'neutral', format: 'iife', mainFields: ['module', 'main'] },
  // The command line (bin: convlab). "module" before "main": one ES-module copy of tfjs-core
  // serves the backends and their gradients (the benchmark's comparison); the wasm backend's
  // package.json stays external because its .wasm files are found through it at run time.
  {
    ...common,
    entryPoints: { convlab: 'cli/main.ts' },
    outdir: 'dist/cli',
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    external: ['@tensorflow/tfjs-backend-wasm/package.json'],
    banner: { js: '#!/usr/bin/env node' },
  },
  // The webview UI (script + stylesheet). Loaded by nonce as a classic script.
  { ...common, entryPoints: { main: 'webview/main.ts' }, outdir: 'dist/webview', platform: 'browser', format: 'iife' },
  // The integration suite that runs inside the web extension host, with mocha's browser build.
  {
    ...common,
    entryPoints: { integration: 'test/integration/index.ts' },
    outdir: 'dist/test',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    plugins: [mochaBrowserBuild],
    inject: ['test/integration/processShim.ts'],
    // CONVLAB_TEST_GREP=<pattern> at build time runs only the matching tests (while working on one suite).
    define: { CONVLAB_TEST_GREP: JSON.stringify(process.env.CONVLAB_TEST_GREP ?? '') },
  },
  // The same suites for desktop VS Code, where @vscode/test-cli's own mocha provides suite/test.
  { ...common, entryPoints: { 'integration-desktop': 'test/integration/suites.ts' }, outdir: 'dist/test', platform: 'node', format: 'cjs', mainFields: ['module', 'main'], external: ['vscode'] },
  // A worker with a slow, cancellable job, for the worker client's unit tests.
  { ...common, entryPoints: { slowWorker: 'test/unit/fixtures/slowWorker.ts' }, outdir: 'dist/test', platform: 'neutral', format: 'iife' },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching for changes (Ctrl+C to stop)');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
