// `npm run bench -- serve [--arch small-cnn] [--size 32] [--requests 300] [--concurrency 1,8]`
// Online inference through the serving process (HTTP, auth, PNG decode, dynamic batching) against
// the baseline measured in this run: the same exported model called in this process on the same
// decoded pixels, one image per call. JSON lines on stdout (p50/p99 latency, requests/s), prose on
// stderr, the load average on every line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { bundleDigest, openArtifactStore } from '@distillery/artifacts';
import { buildModel, decodeImage, initBackend } from '@distillery/ml';
import { exportModel, loadLayersModelFiles, predictPixels } from '@distillery/ml/export';
import { createUser } from '@distillery/testing';
import sharp from 'sharp';

import { openBenchDatabase } from './bench-database.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { values } = parseArgs({
  options: {
    arch: { type: 'string' },
    size: { type: 'string' },
    requests: { type: 'string' },
    concurrency: { type: 'string' },
  },
});
const ARCH = values.arch ?? 'small-cnn';
const SIZE = Number(values.size ?? 32);
const REQUESTS = Number(values.requests ?? 300);
const LEVELS = (values.concurrency ?? '1,8').split(',').map(Number);
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const load = () => +loadavg()[0]!.toFixed(2);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function line(o: Record<string, unknown>): void {
  process.stdout.write(
    `${JSON.stringify({ bench: 'serve', arch: ARCH, size: SIZE, ...o, load1: load() })}\n`,
  );
}

/** Latencies (ms) of `n` calls of `call`, `concurrency` at a time, and the wall time. */
async function measure(n: number, concurrency: number, call: () => Promise<void>) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const s = performance.now();
        await call();
        lat.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  lat.sort((a, b) => a - b);
  return {
    p50_ms: +quantile(lat, 0.5).toFixed(2),
    p99_ms: +quantile(lat, 0.99).toFixed(2),
    rps: +((n / wall) * 1000).toFixed(1),
  };
}

const bench = await openBenchDatabase('serve');
const storeRoot = mkdtempSync(join(tmpdir(), 'bench-serve-'));
const store = openArtifactStore({ kind: 'local', root: storeRoot });
let serve: ReturnType<typeof spawn> | undefined;
try {
  await initBackend({ backend: 'auto' });
  const { prisma } = bench.db;
  const project = await prisma.project.create({ data: { slug: 'bench', name: 'bench' } });
  const { token } = await createUser(bench, project.id, 'VIEWER', 'bench');
  const classNames = Array.from({ length: 10 }, (_, i) => `c${i}`);
  const dataset = await prisma.dataset.create({
    data: {
      projectId: project.id,
      name: 'bench',
      height: SIZE,
      width: SIZE,
      channels: 3,
      classNames,
      augmentation: {},
      source: 'FOLDER',
      contentHash: '0'.repeat(64),
      trainCount: 0,
      testCount: 0,
    },
  });
  const run = await prisma.run.create({
    data: {
      projectId: project.id,
      kind: 'STUDENT',
      status: 'SUCCEEDED',
      name: 'bench',
      datasetId: dataset.id,
    },
  });
  const student = await prisma.student.create({
    data: { runId: run.id, mode: 'OUTPUT_AVG', alpha: 0.5, architectureKey: ARCH },
  });
  // A randomly initialised model: latency does not depend on what the weights learned.
  const built = buildModel(ARCH, { inputShape: [SIZE, SIZE, 3], numClasses: 10, seed: 1 });
  const exported = await exportModel(built, { classNames });
  const files = [];
  for (const f of exported.tfjs)
    files.push({
      path: f.path,
      contentType: f.contentType,
      ...(await store.put(`bench/${f.path}`, f.bytes)),
    });
  await prisma.artifact.create({
    data: {
      projectId: project.id,
      runId: run.id,
      kind: 'TFJS_MODEL',
      name: 'model.json',
      uri: files[0]!.uri,
      sha256: bundleDigest(files),
      sizeBytes: BigInt(files.reduce((n, f) => n + f.sizeBytes, 0)),
      files,
    },
  });
  await prisma.registeredModel.create({
    data: {
      projectId: project.id,
      name: 'bench',
      versions: { create: { version: 1, stage: 'PRODUCTION', runId: run.id, studentId: student.id } },
    },
  });
  const pixels = Buffer.from(Array.from({ length: SIZE * SIZE * 3 }, (_, i) => (i * 31) % 256));
  const png = await sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } })
    .png()
    .toBuffer();

  // Baseline: the exported model in this process, one decoded image per call.
  const model = await loadLayersModelFiles(new Map(exported.tfjs.map((f) => [f.path, f.bytes])));
  const decoded = Float32Array.from(await decodeImage(png, [SIZE, SIZE, 3]));
  for (let i = 0; i < 20; i++) predictPixels(model, decoded, 1, [SIZE, SIZE, 3]);
  line({
    case: 'in-process predict (baseline)',
    concurrency: 1,
    requests: REQUESTS,
    ...(await measure(REQUESTS, 1, async () => void predictPixels(model, decoded, 1, [SIZE, SIZE, 3]))),
  });

  serve = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/runner/src/serve/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: bench.url, ARTIFACT_STORE: storeRoot, SERVE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    serve!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  const url = `${base}/v1/projects/bench/models/bench@production:predict`;
  const call = async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: png,
    });
    if (res.status !== 200) throw new Error(`serve answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  await measure(30, 1, call); // warm-up: model load, JIT, connection pool
  for (const c of LEVELS) {
    const r = await measure(REQUESTS, c, call);
    line({ case: 'serve HTTP predict (PNG body)', concurrency: c, requests: REQUESTS, ...r });
    log(`concurrency ${c}: p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, ${r.rps} req/s (load ${load()})`);
  }
} finally {
  serve?.kill('SIGTERM');
  await bench.drop();
  rmSync(storeRoot, { recursive: true, force: true });
}
