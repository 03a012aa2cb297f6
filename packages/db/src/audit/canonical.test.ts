import { describe, expect, it } from 'vitest';

import { canonicalJson, chainHash, GENESIS_HASH, type ChainedEvent } from './canonical.ts';

const event: ChainedEvent = {
  projectId: null,
  seq: 1,
  actorId: null,
  actorKind: 'USER',
  operation: 'createProject',
  targetType: 'Project',
  targetId: null,
  args: { b: 1, a: [2, { d: 3, c: 4 }] },
  outcome: 'SUCCESS',
  errorCode: null,
  at: '2026-11-27T22:00:00.000Z',
};

describe('audit hashing', () => {
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }], u: undefined })).toBe(
      '{"a":[2,{"c":4,"d":3}],"b":1}',
    );
  });

  it('links each hash to the previous one and to every field', () => {
    const h1 = chainHash(GENESIS_HASH, event);
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...event, args: { a: [2, { c: 4, d: 3 }], b: 1 } })).toBe(h1);
    expect(chainHash(GENESIS_HASH, { ...event, seq: 2 })).not.toBe(h1);
    expect(chainHash(h1, event)).not.toBe(h1);
  });
});
