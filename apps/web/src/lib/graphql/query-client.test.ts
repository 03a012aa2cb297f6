// The dashboard's query cache as configured: bounded, de-duplicating by operation + variables, and
// retrying only what may succeed later.
import { AppError, AppErrorCode } from '@distillery/client';
import { describe, expect, it } from 'vitest';

import { RunDocument, RunsDocument } from '../../graphql/generated/graphql.ts';
import { operationKey } from './hooks.ts';
import { createQueryClient } from './query-client.ts';

describe('dashboard query cache', () => {
  it('keeps at most 200 entries however many queries a session makes', () => {
    const qc = createQueryClient();
    for (let i = 0; i < 250; i++)
      qc.setQueryData(operationKey(RunDocument, { id: `run-${i}` }), { run: null });
    const cached = qc.getQueryCache().getAll();
    expect(cached.length).toBeLessThanOrEqual(200);
    // The oldest went first: the newest run is still there.
    expect(qc.getQueryData(operationKey(RunDocument, { id: 'run-249' }))).toEqual({ run: null });
    expect(qc.getQueryData(operationKey(RunDocument, { id: 'run-0' }))).toBeUndefined();
    qc.clear();
  });

  it('sends an identical query in flight once, and a query with other variables separately', async () => {
    const qc = createQueryClient();
    let sent = 0;
    const queryFn = () => new Promise((r) => setTimeout(() => r({ n: ++sent }), 20));
    const a = { projectId: 'p', first: 10 };
    const [x, y, z] = await Promise.all([
      qc.fetchQuery({ queryKey: operationKey(RunsDocument, a), queryFn }),
      qc.fetchQuery({ queryKey: operationKey(RunsDocument, { ...a }), queryFn }),
      qc.fetchQuery({ queryKey: operationKey(RunsDocument, { ...a, first: 1 }), queryFn }),
    ]);
    expect(sent).toBe(2);
    expect(x).toBe(y);
    expect(z).not.toBe(x);
    qc.clear();
  });

  it('retries transient failures twice and a refusal never', async () => {
    const qc = createQueryClient();
    const attempts = async (code: AppErrorCode) => {
      let n = 0;
      await qc
        .fetchQuery({
          queryKey: ['failing', code],
          retryDelay: 1,
          queryFn: () => {
            n++;
            throw new AppError(code, 'no');
          },
        })
        .catch(() => undefined);
      return n;
    };
    expect(await attempts(AppErrorCode.NETWORK)).toBe(3);
    expect(await attempts(AppErrorCode.UNAVAILABLE)).toBe(3);
    expect(await attempts(AppErrorCode.FORBIDDEN)).toBe(1);
    expect(await attempts(AppErrorCode.BAD_USER_INPUT)).toBe(1);
    qc.clear();
  });
});
