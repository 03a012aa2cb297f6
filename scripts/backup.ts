// `npm run backup -- create DIR | restore DIR | verify-artifacts`: backups of the database (pg_dump)
// and the local artifact store, their restore, and a check that every stored artifact still has the
// sha256 its row records. Uses DATABASE_URL, else the embedded database; ARTIFACT_STORE as runners do.
import { createDatabase } from '@distillery/db';
import { readDbEnv } from '@distillery/db/cli/env';
import { openProductDatabase } from '@distillery/db/cli/open-database';
import { artifactStoreConfig } from '@distillery/artifacts';
import { readEnv as readRunnerEnv } from '@distillery/runner';

import { createBackup, restoreBackup } from './backup/dump.ts';
import { verifyArtifacts } from './backup/verify-artifacts.ts';
import { root } from './start/output.ts';

const say = (line: string) => process.stdout.write(`backup: ${line}\n`);

async function main(): Promise<number> {
  const [command, dir] = process.argv.slice(2);
  const dbEnv = readDbEnv(root);
  const store = artifactStoreConfig({
    ...readRunnerEnv({ ...process.env, DATABASE_URL: 'unused' }),
    DISTILLERY_DATA_DIR: dbEnv.dataDir,
  });
  const db = await openProductDatabase(dbEnv, () => undefined);
  try {
    if (command === 'create' && dir) {
      const m = createBackup(db.ownerUrl, store, dir);
      say(
        `${db.description} → ${dir} (${m.pgDump}${m.artifactRoot ? `, artifacts of ${m.artifactRoot}` : ''})`,
      );
      return 0;
    }
    if (command === 'restore' && dir) {
      const m = restoreBackup(db.ownerUrl, dir);
      say(`${dir} (taken ${m.createdAt}) → ${db.description}`);
      return 0;
    }
    if (command === 'verify-artifacts') {
      const { prisma, close } = createDatabase(db.url, { max: 2 });
      try {
        const { checked, problems } = await verifyArtifacts(prisma, store);
        for (const p of problems) say(`artifact ${p.id} (${p.uri}): ${p.problem}`);
        say(`${checked} artifacts checked, ${problems.length} bad`);
        return problems.length ? 1 : 0;
      } finally {
        await close();
      }
    }
    say('usage: npm run backup -- create DIR | restore DIR | verify-artifacts');
    return 2;
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`backup: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
