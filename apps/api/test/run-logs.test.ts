// The per-run console log through the API on a real database: appendRunLogs (the remote writers' path
// into the shared lifecycle), Run.logs paging and its bounds, refusals that write nothing, the line and
// run caps, and runLogAppended across API processes (inline and read-back notifications).
import { MAX_LOG_LINE_CHARS, MAX_LOG_LINES_PER_RUN } from '@distillery/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { waitFor } from './helpers/domain.ts';
import { collect, createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let replica: Api;
let projectId: string;
let member: { token: string };
let viewer: { token: string };
let stranger: { token: string };

const APPEND = `mutation($r: ID!, $l: [RunLogLineInput!]!, $d: Int) { appendRunLogs(runId: $r, lines: $l, dropped: $d) { accepted dropped truncated lastSeq } }`;
const LOGS = `query($r: ID!, $a: Int, $b: Int, $n: Int) { run(id: $r) { logs(after: $a, before: $b, limit: $n) { total dropped truncated hasBefore hasAfter lines { seq attempt level message at } } } }`;
const SUB = `subscription($r: ID!, $s: Int) { runLogAppended(runId: $r, afterSeq: $s) { runId backfill dropped lines { seq level message } } }`;

type Page = {
  total: number;
  dropped: number;
  truncated: number;
  hasBefore: boolean;
  hasAfter: boolean;
  lines: { seq: number; attempt: number; level: string; message: string; at: string }[];
};
type Appended = { accepted: number; dropped: number; truncated: number; lastSeq: number };

beforeAll(async () => {
  api = await startApi();
  replica = await startApi(api.db);
  projectId = (await api.db.prisma.project.create({ data: { slug: 'logs', name: 'Logs' } })).id;
  member = await createUser(api, projectId, 'MEMBER', 'logm');
  viewer = await createUser(api, projectId, 'VIEWER', 'logv');
  stranger = await createUser(api, null, null, 'logs-stranger');
});
afterAll(async () => {
  await replica.close();
  await api.close();
});

async function scriptRun(name: string): Promise<string> {
  const r = await api.gql<{ createRun: { id: string } }>(
    `mutation($i: CreateRunInput!) { createRun(input: $i) { id } }`,
    { i: { projectId, name } },
    member.token,
  );
  return r.data!.createRun.id;
}

const lines = (from: number, n: number, pad = 0) =>
  Array.from({ length: n }, (_, i) => ({ message: `line ${from + i}${'.'.repeat(pad)}` }));

async function append(runId: string, l: unknown[], token = member.token, dropped?: number) {
  return api.gql<{ appendRunLogs: Appended }>(APPEND, { r: runId, l, d: dropped }, token);
}

async function page(runId: string, v: { a?: number; b?: number; n?: number } = {}, token = member.token) {
  return api.gql<{ run: { logs: Page } }>(LOGS, { r: runId, ...v }, token);
}

describe('the run console log', () => {
  it('pages by seq: the tail, back with `before`, forward with `after`, within a bounded limit', async () => {
    const runId = await scriptRun('paged');
    expect((await append(runId, lines(1, 1000))).data?.appendRunLogs).toEqual({
      accepted: 1000,
      dropped: 0,
      truncated: 0,
      lastSeq: 1000,
    });
    expect((await append(runId, lines(1001, 200))).data?.appendRunLogs.lastSeq).toBe(1200);
    const tail = (await page(runId)).data!.run.logs;
    expect(tail).toMatchObject({ total: 1200, dropped: 0, hasBefore: true, hasAfter: false });
    expect(tail.lines.map((l) => l.seq)).toEqual(Array.from({ length: 200 }, (_, i) => 1001 + i));
    expect(tail.lines[0]).toMatchObject({ message: 'line 1001', level: 'INFO', attempt: 0 });
    const back = (await page(runId, { b: 1001, n: 500 })).data!.run.logs;
    expect(back.lines.map((l) => l.seq)).toEqual(Array.from({ length: 500 }, (_, i) => 501 + i));
    expect(back).toMatchObject({ hasBefore: true, hasAfter: true });
    const first = (await page(runId, { b: 3 })).data!.run.logs;
    expect(first.lines.map((l) => l.message)).toEqual(['line 1', 'line 2']);
    expect(first.hasBefore).toBe(false);
    const forward = (await page(runId, { a: 1195, n: 10 })).data!.run.logs;
    expect(forward.lines.map((l) => l.seq)).toEqual([1196, 1197, 1198, 1199, 1200]);
    expect(forward.hasAfter).toBe(false);
    for (const [v, field] of [
      [{ n: 501 }, 'limit'],
      [{ n: 0 }, 'limit'],
      [{ a: -1 }, 'after'],
      [{ a: 1, b: 5 }, 'before'],
    ] as const) {
      const r = await page(runId, v);
      expect(r.errors?.[0]?.extensions, JSON.stringify(v)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('refuses with typed errors and writes nothing: viewers, strangers, oversize batches, bad times, NUL', async () => {
    const runId = await scriptRun('refused');
    const byViewer = await append(runId, lines(1, 3), viewer.token);
    expect(byViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byStranger = await append(runId, lines(1, 3), stranger.token);
    expect(byStranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooMany = await append(runId, lines(1, 1001));
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines' });
    const badTime = await append(runId, [{ message: 'ok' }, { message: 'bad', at: 'not a time' }]);
    expect(badTime.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT/);
    const nul = await append(runId, [{ message: 'a\u0000b' }]);
    expect(nul.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await api.db.prisma.runLogLine.count({ where: { runId } })).toBe(0);
    expect(await api.db.prisma.runLog.findUnique({ where: { runId } })).toBeNull();
    // Reading needs membership: a stranger learns nothing of the run or its log.
    const read = await page(runId, {}, stranger.token);
    expect(read.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(read.data?.run ?? null).toBeNull();
    // A viewer reads it.
    expect((await page(runId, {}, viewer.token)).data!.run.logs).toMatchObject({ total: 0, lines: [] });
  });

  it('cuts oversize lines and counts what the run cap drops', async () => {
    const runId = await scriptRun('bounded');
    const huge = 'x'.repeat(50_000);
    const r = await append(runId, [
      { level: 'ERROR', message: huge },
      { level: 'WARN', message: 'short' },
    ]);
    expect(r.errors).toBeUndefined();
    expect(r.data?.appendRunLogs).toMatchObject({ accepted: 2, truncated: 1, dropped: 0 });
    const stored = (await page(runId)).data!.run.logs;
    expect(stored.truncated).toBe(1);
    expect(stored.lines[0]!.level).toBe('ERROR');
    expect(stored.lines[0]!.message).toHaveLength(MAX_LOG_LINE_CHARS);
    expect(stored.lines[0]!.message.endsWith('…')).toBe(true);
    expect(stored.lines[1]).toMatchObject({ level: 'WARN', message: 'short' });
    // Fill the run to its cap, then everything further is counted, not stored.
    for (let seq = 3; seq <= MAX_LOG_LINES_PER_RUN; seq += 1000)
      expect(
        (await append(runId, lines(seq, Math.min(1000, MAX_LOG_LINES_PER_RUN - seq + 1)))).errors,
      ).toBeUndefined();
    const over = await append(runId, lines(0, 5), member.token, 7);
    expect(over.data?.appendRunLogs).toEqual({ accepted: 0, dropped: 12, truncated: 0, lastSeq: 0 });
    const capped = (await page(runId, { n: 1 })).data!.run.logs;
    expect(capped).toMatchObject({ total: MAX_LOG_LINES_PER_RUN, dropped: 12, hasBefore: true });
    expect(capped.lines[0]!.seq).toBe(MAX_LOG_LINES_PER_RUN);
  });

  it('streams lines to subscribers on another API process, inline and read back when over NOTIFY’s limit', async () => {
    const runId = await scriptRun('live');
    await append(runId, lines(1, 3));
    type Batch = {
      runLogAppended: { backfill: boolean; dropped: number; lines: { seq: number; message: string }[] };
    };
    const before = replica.server.deps.pubsub.listenerCount();
    const sub = collect<Batch>(replica.ws(member.token), SUB, { r: runId, s: 1 }, 3);
    await waitFor(() => replica.server.deps.pubsub.listenerCount() > before);
    await new Promise((r) => setTimeout(r, 100));
    await append(runId, lines(4, 2));
    // 1,000 lines of 100 characters cannot ride in a NOTIFY payload: subscribers read the rows.
    await append(runId, lines(6, 1000, 90));
    const [backfill, small, large] = await sub.done;
    expect(backfill!.runLogAppended).toMatchObject({ backfill: true });
    expect(backfill!.runLogAppended.lines.map((l) => l.seq)).toEqual([2, 3]);
    expect(small!.runLogAppended.lines.map((l) => l.message)).toEqual(['line 4', 'line 5']);
    expect(large!.runLogAppended.lines).toHaveLength(1000);
    expect(large!.runLogAppended.lines.at(-1)).toEqual({
      seq: 1005,
      level: 'INFO',
      message: `line 1005${'.'.repeat(90)}`,
    });
    sub.cancel();
    const denied = collect(replica.ws(stranger.token), SUB, { r: runId }, 1);
    await expect(denied.done).rejects.toThrow(/FORBIDDEN/);
  });
});
