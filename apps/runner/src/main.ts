// Runner process entry point. Job execution lands with the runner issue; for now the process proves
// it can reach the database and stays up, so `npm start` runs the product's three parts.
import { hostname } from 'node:os';

import { createDatabase } from '@distillery/db';

import { readEnv } from './env.ts';

const env = readEnv();
const runnerId = env.RUNNER_ID ?? `${hostname()}:${process.pid}`;
const db = createDatabase(env.DATABASE_URL, { max: 2 });

try {
  await db.prisma.$queryRaw`SELECT 1`;
} catch (e) {
  console.error(`runner: cannot reach the database: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
console.log(`runner ${runnerId} ready (job execution arrives with the runner issue)`);

const keepAlive = setInterval(() => undefined, 60_000);
async function shutdown(): Promise<void> {
  clearInterval(keepAlive);
  await db.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
