import { parser } from '@lezer/python';
import { readFileSync } from 'node:fs';
const text = readFileSync(process.argv[2]!, 'utf8');
const tree = parser.parse(text);
tree.cursor().iterate((n) => { if (n.name === 'ForStatement' || n.name==='Body') console.log(n.name, n.from, n.to, JSON.stringify(text.slice(n.from, n.to).slice(0, 80))); });
