import {parser} from '@lezer/python';
import fs from 'fs';
const text = fs.readFileSync(process.argv[2],'utf8');
const tree = parser.parse(text);
const c = tree.cursor(); let depth=0;
function walk(){ do { const s=text.slice(c.from,c.to); console.log('  '.repeat(depth)+c.name+' '+JSON.stringify(s.length>50?s.slice(0,50)+'…':s)); if(c.firstChild()){depth++;walk();depth--;c.parent();} } while(c.nextSibling()); }
walk();
