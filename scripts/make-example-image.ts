// Writes examples/sobel_shapes.png from core/image/exampleScene.ts with ConvLab's own PNG
// encoder (no downloaded pictures): `node --import tsx scripts/make-example-image.ts`.
// The unit tests check that the file in the repository is exactly what this writes.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { exampleScene } from '../core/image/exampleScene';
import { encodeIndexedPng } from '../core/image/png';

const scene = exampleScene();
const file = path.resolve(__dirname, '..', 'examples', 'sobel_shapes.png');
writeFileSync(file, encodeIndexedPng(scene.width, scene.height, scene.indices, scene.palette));
console.log(`wrote ${path.relative(process.cwd(), file)} (${scene.width}×${scene.height})`);
