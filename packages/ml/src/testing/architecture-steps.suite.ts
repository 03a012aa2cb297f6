import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { buildableArchitectureKeys } from '../models/registry.ts';
import { trainOneStep } from './train-one-step.fixture.ts';

/**
 * Test suite: every registry network (resnet50_v2_aug3 shares resnet50_v2's) builds and trains one
 * step on `backend` (32×32×3, batch 2). One file per backend so Vitest runs them in parallel.
 */
export function describeArchitectureSteps(backend: 'cpu' | 'wasm'): void {
  describe(`architectures on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend({ backend });
    });

    it.each(buildableArchitectureKeys({ distinct: true }))(
      '%s trains one step',
      { timeout: 120_000 },
      async (key) => {
        const r = await trainOneStep(key);
        expect(Number.isFinite(r.loss)).toBe(true);
        expect(r.loss).toBeGreaterThan(0);
        expect(r.moved).toBeGreaterThan(0);
        expect(r.tensorsLeaked).toBeLessThanOrEqual(0);
      },
    );
  });
}
