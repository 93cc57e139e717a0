/**
 * The picture in examples/sobel_shapes.png, drawn here so that it is generated, not
 * downloaded, and so that tests know every pixel of it: flat colour shapes on a dark
 * background, with edges in every direction the Sobel kernels tell apart — a square
 * (vertical and horizontal edges), a disk (all directions), a triangle (diagonals) and a
 * bar. 192×144, larger than the lesson's 128-pixel working size, so opening it also
 * exercises the webview's scaling (to 128×96).
 */

export type Rgba = readonly [number, number, number, number];

export interface ExampleScene {
  readonly width: number;
  readonly height: number;
  /** One palette index per pixel, row-major. */
  readonly indices: Uint8Array;
  readonly palette: readonly Rgba[];
  /** Points well inside one flat region each, as fractions of the size: [row, col] → palette index. */
  readonly samples: readonly { readonly name: string; readonly at: readonly [number, number]; readonly colour: number }[];
}

const PALETTE: readonly Rgba[] = [
  [20, 30, 60, 255], // 0 background: dark blue
  [230, 60, 50, 255], // 1 square: red
  [250, 210, 40, 255], // 2 disk: yellow
  [60, 180, 90, 255], // 3 triangle: green
  [240, 240, 240, 255], // 4 bar: near white
];

export function exampleScene(width = 192, height = 144): ExampleScene {
  const indices = new Uint8Array(width * height);
  const u = (x: number): number => x / width;
  const v = (y: number): number => y / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [fx, fy] = [u(x + 0.5), v(y + 0.5)];
      let c = 0;
      if (fx >= 0.08 && fx < 0.38 && fy >= 0.12 && fy < 0.52) c = 1;
      // The disk is round in pixels: its radius is a fraction of the height.
      if (Math.hypot((fx - 0.68) * width, (fy - 0.34) * height) <= 0.22 * height) c = 2;
      // A right triangle below: its hypotenuse runs diagonally.
      if (fy >= 0.6 && fy < 0.9 && fx >= 0.45 && fx < 0.9 && (fx - 0.45) / 0.45 <= (fy - 0.6) / 0.3) c = 3;
      if (fy >= 0.66 && fy < 0.76 && fx >= 0.06 && fx < 0.38) c = 4;
      indices[y * width + x] = c;
    }
  }
  return {
    width, height, indices, palette: PALETTE,
    samples: [
      { name: 'background', at: [0.05, 0.5], colour: 0 },
      { name: 'square', at: [0.32, 0.23], colour: 1 },
      { name: 'disk', at: [0.34, 0.68], colour: 2 },
      { name: 'triangle', at: [0.84, 0.6], colour: 3 },
      { name: 'bar', at: [0.71, 0.22], colour: 4 },
    ],
  };
}

/** The scene as RGBA bytes (what a decoder gives back for its PNG). */
export function exampleSceneRgba(scene: ExampleScene): Uint8Array {
  const out = new Uint8Array(scene.width * scene.height * 4);
  scene.indices.forEach((i, p) => out.set(scene.palette[i]!, p * 4));
  return out;
}
