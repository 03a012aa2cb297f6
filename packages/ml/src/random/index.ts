// Seeded randomness without TensorFlow.js: importable by the API and scripts that must not load it.
export { Prng, deriveSeed } from './prng.ts';
export { seededRandom } from './mulberry32.ts';
