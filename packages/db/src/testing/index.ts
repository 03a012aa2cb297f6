import { randomBytes } from 'node:crypto';

import pg from 'pg';
import { inject } from 'vitest';

import { createDatabase, type Database } from '../client.ts';
import { withDatabase } from '../database-url.ts';
import { TEST_APP_ROLE } from './app-role.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the global setup: a server URL and a migrated template database to clone. */
    distilleryDb: { adminUrl: string; template: string };
  }
}

/** An isolated, migrated database for one test file. */
export interface TestDatabase extends Database {
  /** The owner's URL (migrations, fixtures, tampering in tests). */
  url: string;
  /** The same database as the non-superuser application role (what the API and runners use). */
  appUrl: string;
  name: string;
  /** Close connections and drop the database. */
  drop(): Promise<void>;
}

/** Clone the migrated template into a fresh database (about 100 ms) and connect to it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = inject('distilleryDb');
  const name = `dt_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = withDatabase(adminUrl, name);
  const db = createDatabase(url, { max: 5 });
  const app = new URL(url);
  app.username = TEST_APP_ROLE.role;
  app.password = TEST_APP_ROLE.password;
  return {
    ...db,
    url,
    appUrl: app.toString(),
    name,
    async drop() {
      await db.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Run one statement on the admin database with a short-lived connection. */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The admin URL and template name provided by the global setup (for tests that make their own databases). */
export function testServer(): { adminUrl: string; template: string } {
  return inject('distilleryDb');
}

export { createFullGraph, type FullGraph } from './fixtures.ts';
