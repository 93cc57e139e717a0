/** The server as a Node process (desktop VS Code starts it over IPC; see extension/language/nodeClient.ts). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all), { crash: () => process.exit(70) });
