/** The server's hover: names from the file are plain text, large kernels are described, the counts are the layer's. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText } from '../../../server/analyse';
import { hoverAt } from '../../../server/hover';
import { plainText } from '../../../server/markdown';
import { DEFAULT_SETTINGS } from '../../../server/settings';
import { hostileCases } from '../support/hostile';

const noTrained = async () => undefined;

function at(text: string, needle: string): [number, number] {
  const before = text.slice(0, text.indexOf(needle) + 1).split('\n');
  return [before.length - 1, before.at(-1)!.length];
}

async function hoverText(text: string, needle: string): Promise<string> {
  const file = analyseText('file:///m.py', 1, 'python', text, DEFAULT_SETTINGS);
  const h = await hoverAt(file, ...at(text, needle), 0, noTrained);
  return h ? (h.contents as { value: string }).value : '';
}

test('plainText escapes Markdown and HTML so that nothing from the file renders as markup', () => {
  const s = plainText('a`b ![x](https://e.test/i.png) [l](https://e.test) <img src=x> *em* _u_');
  assert.ok(!/(^|[^\\])[`![\]()*_]/.test(s.replace(/&lt;/g, '')), s);
  assert.ok(!s.includes('<'), s);
});

test('a layer named with backticks, image and link syntax shows as plain text in the hover', async () => {
  const c = hostileCases().find((x) => x.name === 'markdown injection in names')!;
  const md = await hoverText(c.text, 'layers.Conv2D(8');
  const firstLine = md.split('\n')[0]!;
  assert.ok(firstLine.includes('a\\`b \\!\\[x\\]\\(https\\:\\/\\/e\\.test\\/i\\.png\\)'), firstLine);
  assert.ok(!firstLine.includes('<img'), firstLine);
  // The only image in the hover is ConvLab's own kernel picture.
  assert.deepEqual([...md.matchAll(/!\[([^\]]*)\]\(/g)].map((m) => m[1]), ['kernels']);
});

test('a 32-filter layer says "16 of 32 filters"', async () => {
  const md = await hoverText('import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, 3)])\n', 'layers.Conv2D(32');
  assert.match(md, /16 of 32 filters/);
});

test('Conv2D(32, 300) and Conv2D(10**6, 1000): the hover is small and fast, the kernels described, not drawn', async () => {
  const c = hostileCases().find((x) => x.name === 'a giant kernel')!;
  for (const needle of ['layers.Conv2D(32', 'layers.Conv2D(10']) {
    const started = Date.now();
    const md = await hoverText(c.text, needle);
    assert.ok(Date.now() - started < 1000, `${needle}: ${Date.now() - started} ms`);
    assert.ok(md.length < 20_000, `${needle}: ${md.length} characters`);
    assert.match(md, /too large to draw/);
    assert.ok(!md.includes('data:image'), 'no picture');
  }
});

test('a hover on a prebuilt model\'s call describes the model, not its first layer', async () => {
  const md = await hoverText('import torch.nn as nn\nfrom torchvision import models\nmodel = models.resnet18(weights=None)\nmodel.fc = nn.Linear(model.fc.in_features, 10)\n', 'models.resnet18');
  assert.match(md.split('\n')[0]!, /\*\*resnet18\*\* · a prebuilt model/);
  assert.match(md, /11,181,642 parameters/);
});

test('a helper of the file that builds one layer, called for many blocks, is hovered as that layer, not as a prebuilt model', async () => {
  const code = [
    'import torch.nn as nn',
    'def conv3x3(cin, cout, stride=1):',
    '    return nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)',
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.body = nn.Sequential(*[conv3x3(8 if i else 3, 8) for i in range(5)])',
    '    def forward(self, x):',
    '        return self.body(x)',
    '',
  ].join('\n');
  const md = await hoverText(code, 'nn.Conv2d');
  assert.doesNotMatch(md, /prebuilt model/);
  assert.match(md, /Conv2d/);
});
