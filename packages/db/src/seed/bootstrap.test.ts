// The first admin of a deployment (issue 15): from a password file, or with a one-time setup link
// printed once; idempotent; the password policy holds for the file too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { bootstrapAdmin } from './bootstrap.ts';
import { verifyPassword } from './password.ts';
import { hashSecret } from './secret.ts';

let db: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'bootstrap-'));
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('bootstrapAdmin', () => {
  it('creates the admin from a password file once, then leaves them alone', async () => {
    const file = join(dir, 'pw');
    writeFileSync(file, 'violet kettle orbit 42\n');
    const first = await bootstrapAdmin(db.prisma, { email: 'root@lab.test', passwordFile: file });
    expect(first).toEqual({ outcome: 'created', setupUrl: null, pendingSetupUntil: null });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'root@lab.test' } });
    expect(user.isSiteAdmin).toBe(true);
    expect(await verifyPassword('violet kettle orbit 42', user.passwordHash!)).toBe(true);
    writeFileSync(file, 'another long passphrase\n');
    expect((await bootstrapAdmin(db.prisma, { email: 'root@lab.test', passwordFile: file })).outcome).toBe(
      'unchanged',
    );
    const again = await db.prisma.user.findUniqueOrThrow({ where: { email: 'root@lab.test' } });
    expect(again.passwordHash).toBe(user.passwordHash);
  });

  it('refuses a weak or common password in the file and writes nothing', async () => {
    const file = join(dir, 'weak');
    writeFileSync(file, 'password1234\n');
    await expect(bootstrapAdmin(db.prisma, { email: 'weak@lab.test', passwordFile: file })).rejects.toThrow(
      /common or breached/,
    );
    expect(await db.prisma.user.count({ where: { email: 'weak@lab.test' } })).toBe(0);
  });

  it('without a file: a setup link printed once, renewed only when it died unused', async () => {
    const first = await bootstrapAdmin(db.prisma, { email: 'setup@lab.test', webUrl: 'https://d.lab.test/' });
    expect(first.outcome).toBe('created');
    expect(first.setupUrl).toMatch(/^https:\/\/d\.lab\.test\/reset#token=dsp_/);
    const secret = decodeURIComponent(first.setupUrl!.split('#token=')[1]!);
    const link = await db.prisma.passwordLink.findUniqueOrThrow({ where: { tokenHash: hashSecret(secret) } });
    expect(link.kind).toBe('SETUP');
    const second = await bootstrapAdmin(db.prisma, { email: 'setup@lab.test' });
    expect(second).toMatchObject({ outcome: 'unchanged', setupUrl: null });
    expect(second.pendingSetupUntil?.getTime()).toBe(link.expiresAt.getTime());
    await db.prisma.passwordLink.update({
      where: { id: link.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const third = await bootstrapAdmin(db.prisma, { email: 'setup@lab.test' });
    expect(third.setupUrl).toMatch(/reset#token=dsp_/);
    expect(third.setupUrl).not.toBe(first.setupUrl);
  });

  it('makes an existing user site admin without touching their password', async () => {
    await db.prisma.user.create({ data: { email: 'old@lab.test', name: 'Old', passwordHash: 'x' } });
    const r = await bootstrapAdmin(db.prisma, { email: 'old@lab.test' });
    expect(r).toEqual({ outcome: 'promoted', setupUrl: null, pendingSetupUntil: null });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'old@lab.test' } })).passwordHash).toBe(
      'x',
    );
  });
});
