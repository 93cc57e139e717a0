/** Every integration suite, for both runners: the web build (index.ts) and desktop VS Code (.vscode-test.mjs). */
import './activation.test';
import './convByHand.test';
import './webviews.test';
import './modelCode.test';
import './languageServer.test';
import './notebook.test';
import './lab.test';
import './graphLab.test';
import './weights.test';
import './lessons.test';
import './ownLessons.test';
import './walkthrough.test';
