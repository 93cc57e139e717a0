// `npm run test:desktop`: the integration suites in desktop VS Code through @vscode/test-cli
// and @vscode/test-electron. It downloads VS Code from Microsoft's update server, so it
// cannot run offline or in this project's CI; there the same suites run in the web build
// (npm test). Set VSCODE_EXECUTABLE to use a VS Code that is already installed.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'desktop',
  files: 'dist/test/integration-desktop.js',
  workspaceFolder: './examples',
  ...(process.env.VSCODE_EXECUTABLE ? { useInstallation: { fromPath: process.env.VSCODE_EXECUTABLE } } : { version: 'stable' }),
  mocha: { ui: 'tdd', timeout: 30_000 },
});
