// Token minting and hashing live with the password hash in @distillery/db/seed (test fixtures use them
// too); reading the header lives with the actor in @distillery/db/auth.
export { generateSecret, hashSecret, TOKEN_PREFIX } from '@distillery/db/seed';
export { bearerOf } from '@distillery/db/auth';
