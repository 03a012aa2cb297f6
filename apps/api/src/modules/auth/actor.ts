// The caller behind a bearer secret: one definition in @distillery/db (the serving process resolves
// callers the same way).
export { ANONYMOUS, resolveActor, type Actor } from '@distillery/db/auth';
