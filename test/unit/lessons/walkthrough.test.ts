/**
 * The walkthrough's media: one Markdown text and one themed picture per step. The pictures
 * must work in light, dark and high-contrast themes, so every colour is a VS Code theme
 * variable (with currentColor as the fallback) and nothing is a fixed colour. Once the
 * walkthrough is in package.json, its steps must point at media that exist, every button
 * at a contributed command, and every lesson must be reachable from a step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LESSONS } from '../../../core/lessons';

const REPO = path.resolve(__dirname, '../../..');
const MEDIA = path.join(REPO, 'media', 'walkthrough');
const TITLE = 'Learn CNNs and dropout with ConvLab';

const svgs = readdirSync(MEDIA).filter((f) => f.endsWith('.svg')).sort();

test('every step picture is an accessible SVG whose colours all come from the theme', () => {
  assert.ok(svgs.length >= 13, `${svgs.length} pictures`);
  for (const file of svgs) {
    const svg = readFileSync(path.join(MEDIA, file), 'utf8');
    assert.match(svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/, `${file}: a viewBox, so it scales`);
    assert.match(svg, /role="img"/, `${file}: role img`);
    assert.match(svg, /<title id="[^"]+">[^<]+<\/title>/, `${file}: a title for screen readers`);
    assert.match(svg, /<desc id="[^"]+">[^<]{20,}<\/desc>/, `${file}: a description`);
    const colours = [...svg.matchAll(/\b(fill|stroke)="([^"]*)"/g)].map((m) => m[2]!);
    assert.ok(colours.length > 0, file);
    for (const c of colours) {
      assert.ok(c === 'none' || c === 'currentColor' || /^var\(--vscode-[\w-]+, (currentColor|none)\)$/.test(c), `${file}: fixed colour ${c}`);
    }
    assert.doesNotMatch(svg, /#[0-9a-fA-F]{3,8}\b|rgba?\(|hsl\(/, `${file}: no hard-coded colour anywhere (styles included)`);
    assert.doesNotMatch(svg, /<script|href=/, `${file}: no scripts or links`);
  }
});

test('every picture has its step text, which shows it', () => {
  for (const file of svgs) {
    const md = path.join(MEDIA, file.replace(/\.svg$/, '.md'));
    assert.ok(existsSync(md), `${md} is missing`);
    const text = readFileSync(md, 'utf8');
    assert.match(text, /^# \S/, `${md}: starts with a title`);
    assert.ok(text.includes(`](${file})`), `${md}: shows ${file}`);
  }
});

test('the step texts quote the lecture\'s numbers correctly', () => {
  const read = (name: string): string => readFileSync(path.join(MEDIA, name), 'utf8');
  assert.match(read('conv-by-hand.md'), /\[\[12, 12, 17\], \[10, 17, 19\], \[9, 6, 14\]\]/);
  assert.match(read('dropout-test-time.md'), /= p\(w1x1 \+ w2x2\)/);
  assert.match(read('dropout-ensemble.md'), /2⁴⁰⁹⁶ ∼ 10¹²³³/);
  assert.match(read('dense-vs-conv.md'), /16,981,120 \| 16,959,488/);
  assert.match(read('dense-vs-conv.md'), /\| convolution \| 320 \| 194,688 \|/);
});

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly svg?: string; readonly image?: string | Readonly<Record<string, string>>; readonly markdown?: string; readonly altText?: string };
  readonly completionEvents?: readonly string[];
}

test('the walkthrough in package.json: media exist, buttons run contributed commands, every lesson is reached', (t) => {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
    contributes: { commands?: { command: string }[]; walkthroughs?: { title: string; steps: Step[] }[] };
  };
  const walkthrough = pkg.contributes.walkthroughs?.find((w) => w.title === TITLE);
  if (!walkthrough) {
    t.skip('package.json has no walkthrough yet (the lead pastes it from the report)');
    return;
  }
  const commands = new Set((pkg.contributes.commands ?? []).map((c) => c.command));
  const linked = new Set<string>();
  for (const step of walkthrough.steps) {
    const { svg, image, markdown } = step.media;
    const files = [svg, markdown, ...(typeof image === 'string' ? [image] : Object.values(image ?? {}))].filter((f): f is string => f !== undefined);
    assert.ok(files.length > 0, `${step.id}: media`);
    for (const f of files) assert.ok(existsSync(path.join(REPO, f)), `${step.id}: ${f} is missing`);
    if (svg || image) assert.ok((step.media.altText ?? '').length > 10, `${step.id}: alt text`);
    const links = [...step.description.matchAll(/\(command:([\w.]+)(\?[^)]*)?\)/g)];
    assert.ok(links.length > 0, `${step.id}: a button`);
    for (const [, id, args] of links) {
      assert.ok(commands.has(id!), `${step.id}: command ${id} is not contributed`);
      if (args) assert.ok(Array.isArray(JSON.parse(decodeURIComponent(args.slice(1)))), `${step.id}: arguments are a JSON array`);
      linked.add(id!);
    }
    for (const e of step.completionEvents ?? []) {
      assert.match(e, /^(onCommand|onView|onContext|onSettingChanged|onLink|extensionInstalled|onStepSelected):/, `${step.id}: ${e}`);
      if (e.startsWith('onCommand:')) assert.ok(commands.has(e.slice(10)), `${step.id}: completes on ${e}, which is not contributed`);
    }
  }
  for (const lesson of LESSONS) assert.ok(linked.has(lesson.command), `no step opens the ${lesson.id} lesson (${lesson.command})`);
});
