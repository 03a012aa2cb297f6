import pg from 'pg';

/** The login role the API and runners use: no superuser, no DDL, and no way to rewrite the audit log. */
export const APP_ROLE = 'distillery_app';

/**
 * Create (or update) the application role on the migrated database at `ownerUrl` and grant it what
 * the API and runners need and nothing more: read/write on the domain tables and the job queue, but
 * only SELECT and INSERT on the audit log and its signed checkpoints (no UPDATE, DELETE, TRUNCATE,
 * no trigger changes, no COPY … PROGRAM). Migrations keep running as the owner. Returns the URL the
 * applications connect with. Run after every migration (new tables need their grants).
 */
export async function ensureAppRole(
  ownerUrl: string,
  options: { role?: string; password: string },
): Promise<string> {
  const role = options.role ?? APP_ROLE;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role))
    throw new Error(`app role name ${role} is not a plain identifier`);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Roles are cluster-wide; serialise concurrent migrators of databases on one server.
    await client.query(`SELECT pg_advisory_lock(72707371)`);
    const exists = (await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])).rowCount;
    const password = (await client.query<{ q: string }>(`SELECT quote_literal($1) AS q`, [options.password]))
      .rows[0]!.q;
    await client.query(
      `${exists ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${password}`,
    );
    const schemas = (
      await client.query<{ s: string }>(
        `SELECT nspname AS s FROM pg_namespace WHERE nspname IN ('public', 'security', 'graphile_worker')`,
      )
    ).rows.map((r) => r.s);
    for (const s of schemas) {
      await client.query(`GRANT USAGE ON SCHEMA "${s}" TO ${role}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${s}" TO ${role}`);
      await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "${s}" TO ${role}`);
      await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA "${s}" TO ${role}`);
    }
    // graphile-worker guards its private tables with row-level security (owner only); the role may
    // use the job queue, so it gets a policy there rather than BYPASSRLS everywhere.
    const guarded = await client.query<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'graphile_worker' AND c.relkind = 'r' AND c.relrowsecurity
         AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'graphile_worker' AND p.tablename = c.relname AND p.policyname = $1)`,
      [`${role}_jobs`],
    );
    for (const { t } of guarded.rows)
      await client.query(
        `CREATE POLICY ${role}_jobs ON graphile_worker."${t}" TO ${role} USING (true) WITH CHECK (true)`,
      );
    await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${role}`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM ${role}`);
    if (schemas.includes('security'))
      await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON security.audit_checkpoint FROM ${role}`);
    // The database's default PUBLIC privilege on public would let the role create tables (PostgreSQL < 15).
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(72707371)`).catch(() => undefined);
    await client.end();
  }
  const u = new URL(ownerUrl);
  u.username = role;
  u.password = options.password;
  return u.toString();
}
