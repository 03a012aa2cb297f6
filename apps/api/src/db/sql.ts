// Transitional re-export for modules/runner, modules/metric and pubsub (being replaced by the shared run
// lifecycle in packages/db); the SQL helpers' home is @distillery/db.
export { pgQuery as pgSql, prismaQuery as prismaSql, withPgTransaction, type Sql } from '@distillery/db';
