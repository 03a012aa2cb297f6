import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { hashPassword } from './password.ts';

export {
  hashPassword,
  needsRehash,
  PASSWORD_PARAMS,
  verifyDummy,
  verifyPassword,
  type ScryptParams,
} from './password.ts';
export { generateSecret, hashSecret, oneTimeLinkUrl, TOKEN_PREFIX } from './secret.ts';
export {
  bootstrapAdmin,
  SETUP_LINK_HOURS,
  type BootstrapAdmin,
  type BootstrapOutcome,
  type BootstrapResult,
} from './bootstrap.ts';
export {
  checkPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type PasswordProblem,
  type PasswordVerdict,
} from './password-policy.ts';

/** An architecture registry entry as stored in the Architecture table. */
export interface ArchitectureSeed {
  key: string;
  name: string;
  family: string;
  trainingParams: Prisma.InputJsonValue;
  description?: string;
}

/** Insert or update architecture rows (the code registry is the source of truth). */
export async function seedArchitectures(prisma: PrismaClient, entries: ArchitectureSeed[]): Promise<void> {
  for (const a of entries) {
    const data = {
      name: a.name,
      family: a.family,
      trainingParams: a.trainingParams,
      description: a.description ?? '',
    };
    await prisma.architecture.upsert({
      where: { key: a.key },
      create: { key: a.key, ...data },
      update: data,
    });
  }
}

/** Demo credentials printed by `npm start`. The password is public, so the user is no site admin. */
export const DEMO_USER = {
  email: 'demo@distillery.local',
  password: 'distillery',
  name: 'Demo User',
} as const;

/** Create the demo user (ADMIN of the demo project only) and project if missing (idempotent). */
export async function seedDemo(prisma: PrismaClient): Promise<{ userId: string; projectId: string }> {
  const existing = await prisma.user.findUnique({ where: { email: DEMO_USER.email } });
  // Earlier versions seeded the demo user as site admin: take that back.
  if (existing?.isSiteAdmin)
    await prisma.user.update({ where: { id: existing.id }, data: { isSiteAdmin: false } });
  const user =
    existing ??
    (await prisma.user.create({
      data: {
        email: DEMO_USER.email,
        name: DEMO_USER.name,
        passwordHash: await hashPassword(DEMO_USER.password),
        isSiteAdmin: false,
      },
    }));
  const project = await prisma.project.upsert({
    where: { slug: 'demo' },
    create: {
      slug: 'demo',
      name: 'Demo: MNIST multi-teacher distillation',
      description: 'Seeded on first start.',
    },
    update: {},
  });
  await prisma.membership.upsert({
    where: { projectId_userId: { projectId: project.id, userId: user.id } },
    create: { projectId: project.id, userId: user.id, role: 'ADMIN' },
    update: {},
  });
  return { userId: user.id, projectId: project.id };
}
