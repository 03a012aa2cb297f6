export { createDatabase, type Database, type CreatePrismaOptions } from './client.ts';
export { parseDatabaseUrl, withDatabase, redactUrl, type DatabaseUrl } from './database-url.ts';
export { PrismaErrorCode, isPrismaError, connectionError } from './errors.ts';
export { isDatabaseUnavailable, PatientPool, type OutagePolicy } from './outage.ts';
export { pgQuery, prismaQuery, withPgTransaction, type Sql } from './sql.ts';
export * from './generated/prisma/client.ts';
