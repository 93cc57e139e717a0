/**
 * Colours for canvas drawing, taken from the theme so that light, dark and high-contrast
 * themes all read: the diverging scale runs from the theme's chart blue (negative) through
 * the editor background (zero) to its chart red (positive) — zero is "no ink", and the
 * scale is symmetric (±max|w|) so that equal magnitudes look equally strong.
 */
export type Rgb = readonly [number, number, number];

function parse(text: string, fallback: Rgb): Rgb {
  const t = text.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(t)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex.slice(0, 3)].map((c) => c + c).join('') : hex.slice(0, 6);
    return [parseInt(full.slice(0, 2), 16), parseInt(full.slice(2, 4), 16), parseInt(full.slice(4, 6), 16)];
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(t)?.[1];
  if (rgb) {
    const [r, g, b] = rgb.split(/[ ,/]+/).map(Number);
    if ([r, g, b].every((v) => Number.isFinite(v))) return [r!, g!, b!];
  }
  return fallback;
}

export interface Palette {
  readonly negative: Rgb;
  readonly zero: Rgb;
  readonly positive: Rgb;
  readonly foreground: Rgb;
  readonly grid: Rgb;
  readonly accent: Rgb;
  readonly second: Rgb;
  readonly highContrast: boolean;
}

let cached: Palette | undefined;

/** Read once per theme; call invalidatePalette() when the theme changes (the body's class changes). */
export function palette(): Palette {
  if (cached) return cached;
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: Rgb): Rgb => parse(css.getPropertyValue(name), fallback);
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  cached = {
    negative: v('--vscode-charts-blue', [55, 148, 255]),
    zero: v('--vscode-editor-background', dark ? [30, 30, 30] : [255, 255, 255]),
    positive: v('--vscode-charts-red', [241, 76, 76]),
    foreground: v('--vscode-foreground', dark ? [204, 204, 204] : [51, 51, 51]),
    grid: v('--vscode-editorWidget-border', dark ? [69, 69, 69] : [200, 200, 200]),
    accent: v('--vscode-charts-orange', [209, 134, 22]),
    second: v('--vscode-charts-green', [137, 209, 133]),
    highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
  };
  return cached;
}

export function invalidatePalette(): void {
  cached = undefined;
}

export const css = (c: Rgb, alpha = 1): string => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;

const mix = (a: Rgb, b: Rgb, t: number, out: Uint8ClampedArray, at: number): void => {
  out[at] = a[0] + (b[0] - a[0]) * t;
  out[at + 1] = a[1] + (b[1] - a[1]) * t;
  out[at + 2] = a[2] + (b[2] - a[2]) * t;
  out[at + 3] = 255;
};

/** Writes the colour of v on the diverging scale ±scale into out[at…at+3]. */
export function diverging(p: Palette, v: number, scale: number, out: Uint8ClampedArray, at: number): void {
  const t = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
  mix(p.zero, t < 0 ? p.negative : p.positive, Math.abs(t), out, at);
}

/**
 * A picture's own grey, black 0 … white max, whatever the theme: a photo shown in theme
 * colours would turn into its negative on a light theme and stop looking like itself.
 */
export function grey(_p: Palette, v: number, max: number, out: Uint8ClampedArray, at: number): void {
  const g = 255 * (max > 0 ? Math.max(0, Math.min(1, v / max)) : 0);
  out[at] = g;
  out[at + 1] = g;
  out[at + 2] = g;
  out[at + 3] = 255;
}

/** Writes the colour of v on a sequential scale 0 … max (background → foreground): activations after ReLU, pixels. */
export function sequential(p: Palette, v: number, max: number, out: Uint8ClampedArray, at: number): void {
  const t = max > 0 ? Math.max(0, Math.min(1, v / max)) : 0;
  mix(p.zero, p.foreground, t, out, at);
}
