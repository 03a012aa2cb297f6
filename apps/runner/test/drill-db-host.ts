// The database host of the distributed drill, run inside its network namespace: the embedded
// PostgreSQL listening on every address of that host, with the product's database and role. One JSON
// line per state change on stdout. SIGUSR1 stops the server (an outage), SIGUSR2 starts it again on
// the same cluster, SIGTERM stops it and exits.
import { startEmbeddedPostgres, type EmbeddedServer } from '@distillery/db/embedded';

const dataDir = process.argv[2] ?? '';
if (!dataDir) throw new Error('usage: drill-db-host.ts DATA_DIR');

const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
let server: EmbeddedServer | null = null;
let busy: Promise<unknown> = Promise.resolve();

async function up(): Promise<void> {
  server = await startEmbeddedPostgres({
    dataDir,
    port: 5432,
    database: 'distillery',
    appRole: 'distillery',
    listen: '*',
  });
  say({ event: 'ready', url: server.url });
}

async function down(): Promise<void> {
  await server?.stop();
  server = null;
  say({ event: 'stopped' });
}

const serially = (f: () => Promise<void>) => {
  busy = busy.then(f).catch((e: unknown) => say({ event: 'error', message: String(e) }));
};
process.on('SIGUSR1', () => serially(down));
process.on('SIGUSR2', () => serially(up));
process.on('SIGTERM', () =>
  serially(async () => {
    await down();
    process.exit(0);
  }),
);
// While the server is down nothing else keeps this process alive; the signals must still find it.
const alive = setInterval(() => undefined, 60_000);
process.on('exit', () => clearInterval(alive));
serially(up);
