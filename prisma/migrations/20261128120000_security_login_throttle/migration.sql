-- issue 14 finding 6: sign-in throttling shared by every API replica. The table has the layout
-- rate-limiter-flexible's RateLimiterPostgres uses (it is told the table exists). It lives in its own
-- schema: it is operational state, not part of the domain model in prisma/schema.prisma.
CREATE SCHEMA IF NOT EXISTS "security";

CREATE TABLE "security"."login_throttle" (
    "key" VARCHAR(255) PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);
