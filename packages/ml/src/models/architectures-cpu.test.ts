import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { trainOneStep } from './architecture-step.ts';
import { buildableArchitectureKeys } from './registry.ts';

// Every registry network (resnet50_v2_aug3 shares resnet50_v2's) builds and trains one step on the cpu backend (32×32×3, batch 2).
describe('architectures on cpu', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it.each(buildableArchitectureKeys({ distinct: true }))('%s trains one step', { timeout: 120_000 }, async (key) => {
    const r = await trainOneStep(key);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.loss).toBeGreaterThan(0);
    expect(r.moved).toBeGreaterThan(0);
    expect(r.tensorsLeaked).toBeLessThanOrEqual(0);
  });
});
