// The product connects as a role that owns its database but is not a superuser (a superuser can run
// `COPY … TO PROGRAM`, i.e. commands on the host). Seam for the security work (issue 14): today the
// one application role both migrates and serves; a later split adds a separate owner for migrations.
import pg from 'pg';

/** Make `role` (LOGIN, no superuser) with `password`, and `database` owned by it (idempotent). */
export async function ensureAppDatabase(
  adminUrl: string,
  role: string,
  password: string,
  database: string,
): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const r = admin.escapeIdentifier(role);
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    await admin.query(
      `${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${admin.escapeLiteral(password)}`,
    );
    const db = await admin.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (db.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} OWNER ${r}`);
      return;
    }
    if (db.rows[0]?.owner === role) return;
    // A database made before the application role existed: hand it, and everything in it, over.
    await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(database)} OWNER TO ${r}`);
  } finally {
    await admin.end();
  }
  const inside = new pg.Client({ connectionString: withDb(adminUrl, database) });
  await inside.connect();
  try {
    await inside.query(transferOwnershipSql(role));
  } finally {
    await inside.end();
  }
}

function withDb(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * SQL that gives every object the bootstrap superuser owns in the current database's own schemas to
 * `role`. `REASSIGN OWNED BY postgres` would be one line, but PostgreSQL refuses it for the bootstrap
 * superuser. Tables first: their sequences, indexes and row types follow them.
 */
function transferOwnershipSql(role: string): string {
  const own = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`;
  const to = `' OWNER TO ' || quote_ident(${pgLiteral(role)})`;
  return `DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT n.nspname FROM pg_namespace n WHERE n.nspowner = 'postgres'::regrole AND ${own} LOOP
    EXECUTE 'ALTER SCHEMA ' || quote_ident(r.nspname) || ${to};
  END LOOP;
  FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relowner = 'postgres'::regrole AND c.relkind IN ('r','p','v','m','f') AND ${own} LOOP
    EXECUTE 'ALTER ' || CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END
      || ' ' || quote_ident(r.nspname) || '.' || quote_ident(r.relname) || ${to};
  END LOOP;
  FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relowner = 'postgres'::regrole AND c.relkind = 'S' AND ${own} LOOP
    EXECUTE 'ALTER SEQUENCE ' || quote_ident(r.nspname) || '.' || quote_ident(r.relname) || ${to};
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure::text AS sig, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE p.proowner = 'postgres'::regrole AND ${own} LOOP
    EXECUTE 'ALTER ' || CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END || ' ' || r.sig || ${to};
  END LOOP;
  FOR r IN SELECT n.nspname, t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE t.typowner = 'postgres'::regrole AND t.typtype IN ('e','d','c','r') AND ${own}
             AND (t.typrelid = 0 OR EXISTS (SELECT 1 FROM pg_class k WHERE k.oid = t.typrelid AND k.relkind = 'c')) LOOP
    EXECUTE 'ALTER ' || CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END || ' ' || quote_ident(r.nspname) || '.' || quote_ident(r.typname) || ${to};
  END LOOP;
END $$`;
}

function pgLiteral(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
