// Public API of @distillery/ml: pure TensorFlow.js (no database, no HTTP).
export { initBackend, currentBackend, parseBackendChoice, BACKEND_CHOICES } from './backend/select-backend.ts';
export type { BackendChoice, BackendReport } from './backend/select-backend.ts';
export { Prng, deriveSeed } from './random/prng.ts';
