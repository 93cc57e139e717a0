/**
 * Hostile and odd model files, one family per pathology of issue 11: each would once hang,
 * crash or flood the reader. Shared by the reader's budget tests (core) and the language
 * server's fuzz test, which sends every one through `convlab lsp --stdio`.
 */

/** A small Keras model that must still be read after the hostile part, where the family allows. */
export const TAIL_MODEL = [
  'import keras',
  'from keras import layers',
  'tail = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10)])',
  '',
].join('\n');

export interface HostileCase {
  readonly name: string;
  readonly text: string;
  /** The model named `tail` after the hostile part is still read (false where time or the statement budget may cut it). */
  readonly tailRead: boolean;
}

function digits(seed: number, n: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => (x = (x * 1103515245 + 12345) % 2 ** 31) % 1000);
}

/** Bytes 0–255, as a file of binary garbage decodes to text. */
function garbage(seed: number, n: number): string {
  return digits(seed, n).map((d) => String.fromCharCode(d % 256)).join('');
}

export function hostileCases(): HostileCase[] {
  const N = 100_000;
  return [
    { name: 'list doubling', text: `xs = [0]\nfor i in range(28):\n    xs = xs + xs\n${TAIL_MODEL}`, tailRead: true },
    { name: 'list doubling in place', text: `xs = [0]\nfor i in range(28):\n    xs += xs\n${TAIL_MODEL}`, tailRead: true },
    { name: 'string doubling', text: `s = "ab"\nfor i in range(40):\n    s = s + s\n${TAIL_MODEL}`, tailRead: true },
    { name: 'list repetition', text: `xs = [1, 2, 3] * 1000\nys = "x" * 999\nfor i in range(30):\n    ys = ys * 999\n${TAIL_MODEL}`, tailRead: true },
    { name: 'three nested comprehensions', text: `x = [[[i for i in range(1000)] for j in range(1000)] for k in range(1000)]\n${TAIL_MODEL}`, tailRead: false },
    { name: 'self-append', text: 'import keras\nfrom keras import layers\nmodel = keras.Sequential()\nmodel.add(keras.Input(shape=(4,)))\nmodel.add(layers.Dense(3))\nmodel.add(model)\nmodel.add(model)\n' + TAIL_MODEL, tailRead: true },
    { name: 'parentheses 100,000 deep', text: `x = ${'('.repeat(N)}1${')'.repeat(N)}\n${TAIL_MODEL}`, tailRead: true },
    { name: 'lists 10,000 deep', text: `x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n${TAIL_MODEL}`, tailRead: true },
    { name: 'unclosed brackets 100,000 deep', text: `${TAIL_MODEL}x = ${'(['.repeat(N / 2)}\n`, tailRead: true },
    { name: 'a sum of 100,000 terms', text: `x = ${Array(N).fill('1').join(' + ')}\n${TAIL_MODEL}`, tailRead: false },
    { name: 'a 100,000-number list literal', text: `x = [${digits(1, N).join(', ')}]\n${TAIL_MODEL}`, tailRead: false },
    { name: 'a 1 MB string literal', text: `s = "${'a'.repeat(1_000_000)}"\n${TAIL_MODEL}`, tailRead: true },
    { name: '1,000 input comments and models', text: `import keras\nfrom keras import layers\n${Array.from({ length: 1000 }, (_, i) => `# convlab: input 28x28x1\nm${i} = keras.Sequential([layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10)])\n`).join('')}`, tailRead: false },
    { name: '20,000 layers from loops', text: `import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(8,))])\nfor i in range(1000):\n    for j in range(20):\n        model.add(layers.Dense(8))\n`, tailRead: false },
    { name: 'a giant kernel', text: 'import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, 300)])\nn = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(10**6, 1000)])\n' + TAIL_MODEL, tailRead: true },
    { name: 'a giant layer', text: 'import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input(shape=(4096,)), layers.Dense(10**9), layers.Dense(10**9)])\n' + TAIL_MODEL, tailRead: true },
    { name: 'binary garbage', text: garbage(7, 200_000), tailRead: false },
    { name: 'binary garbage, then a model', text: `${garbage(11, 20_000)}\n${TAIL_MODEL}`, tailRead: false },
    { name: 'markdown injection in names', text: 'import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3, name="a`b ![x](https://e.test/i.png) [l](https://e.test) <img src=x>"), layers.Flatten(), layers.Dense(10)], name="m`](https://e.test)")\n', tailRead: false },
  ];
}
