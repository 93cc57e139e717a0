/**
 * Text from the learner's file (layer and model names, snippets quoted in messages) shown
 * in Markdown as the text it is: every ASCII punctuation character is backslash-escaped
 * (CommonMark allows that for all of them), `<` and `&` become entities, and line breaks
 * become spaces. A name such as "a`b ![x](https://…)" can then neither close a code span
 * nor become an image, a link or HTML in the hover.
 */
export function plainText(text: string, max = 200): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return short
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[!"#$%'()*+,\-./:;=>?@[\\\]^_`{|}~]/g, (c) => `\\${c}`);
}
