import { Logger, runMigrations } from 'graphile-worker';

const quiet = new Logger(() => () => undefined);

/** Create or upgrade graphile-worker's schema (`graphile_worker`) in the database at `url`. */
export async function installJobQueue(url: string): Promise<void> {
  await runMigrations({ connectionString: url, logger: quiet });
}
