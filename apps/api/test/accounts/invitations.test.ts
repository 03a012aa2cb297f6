// Invitations (issue 15): a one-time link printed for the inviter and mailed through a real SMTP
// server, accepted with a name and a password; expired, revoked and reused links, weak passwords and
// taken emails are typed errors with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { failure, GOOD_PASSWORD, person, siteAdmin, type Person } from '../helpers/accounts.ts';
import { startApi, type Api } from '../helpers/harness.ts';
import { linkIn, startMailServer, type MailServer } from '../helpers/mail-server.ts';

let api: Api;
let mail: MailServer;
let root: Person;
let projectId: string;

const INVITE = `mutation($i: CreateInvitationInput!) { createInvitation(input: $i) { url emailSent invitation { id email role expiresAt } } }`;
const ACCEPT = `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { id email name } }`;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { id } } }`;

beforeAll(async () => {
  mail = await startMailServer();
  api = await startApi(undefined, {
    smtp: { url: mail.url, from: 'Distillery <lab@test.local>' },
    accounts: { webUrl: 'https://distillery.lab.test' },
  });
  root = await siteAdmin(api);
  projectId = (await api.db.prisma.project.create({ data: { slug: 'inv', name: 'Vision lab' } })).id;
});
afterAll(async () => {
  await api.close();
  await mail.close();
});

type Invited = { createInvitation: { url: string; emailSent: boolean; invitation: { id: string } } };

describe('invitations', () => {
  it('mails a one-time link that creates the account and its membership, once', async () => {
    const r = await api.gql<Invited>(
      INVITE,
      { i: { email: 'Ada@Lab.Test', projectId, role: 'SUPERVISOR' } },
      root.session,
    );
    expect(r.errors).toBeUndefined();
    const { url, emailSent } = r.data!.createInvitation;
    expect(emailSent).toBe(true);
    expect(url).toMatch(/^https:\/\/distillery\.lab\.test\/invite#token=dsi_/);
    const m = await mail.nextTo('ada@lab.test');
    expect(m.subject).toContain('Vision lab');
    expect(m.from?.text).toContain('lab@test.local');
    expect(linkIn(m)).toBe(url);
    // Only the hash is stored.
    const row = await api.db.prisma.invitation.findFirstOrThrow({ where: { email: 'ada@lab.test' } });
    expect(url).not.toContain(row.tokenHash);

    const info = await api.gql<{ invitation: { email: string; projectName: string; role: string } }>(
      `query($t: String!) { invitation(token: $t) { email projectName role invitedBy } }`,
      { t: url },
    );
    expect(info.data?.invitation).toMatchObject({
      email: 'ada@lab.test',
      projectName: 'Vision lab',
      role: 'SUPERVISOR',
    });

    const weak = await api.gql(ACCEPT, { i: { token: url, name: 'Ada', password: 'password1234' } });
    expect(failure(weak)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PASSWORD_COMMON',
      field: 'input.password',
    });
    const short = await api.gql(ACCEPT, { i: { token: url, name: 'Ada', password: 'short' } });
    expect(failure(short)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PASSWORD_TOO_SHORT' });
    expect(await api.db.prisma.user.count({ where: { email: 'ada@lab.test' } })).toBe(0);

    const ok = await api.gql<{ acceptInvitation: { id: string } }>(ACCEPT, {
      i: { token: url, name: 'Ada Lovelace', password: GOOD_PASSWORD },
    });
    expect(ok.errors).toBeUndefined();
    const userId = ok.data!.acceptInvitation.id;
    const membership = await api.db.prisma.membership.findFirstOrThrow({ where: { userId } });
    expect(membership).toMatchObject({ projectId, role: 'SUPERVISOR' });
    const s = await api.gql<{ signIn: { user: { id: string } } }>(SIGN_IN, {
      e: 'ada@lab.test',
      p: GOOD_PASSWORD,
    });
    expect(s.data?.signIn.user.id).toBe(userId);

    const again = await api.gql(ACCEPT, {
      i: { token: url, name: 'Eve', password: 'another good passphrase' },
    });
    expect(failure(again)).toMatchObject({ code: 'CONFLICT', reason: 'LINK_USED' });
    const users = await api.db.prisma.user.count();
    expect(await api.db.prisma.user.count()).toBe(users);
    // The acceptance is in the project's chain, by the new user.
    const ev = await api.db.prisma.auditEvent.findFirstOrThrow({
      where: { projectId, operation: 'acceptInvitation' },
    });
    expect(ev).toMatchObject({ actorId: userId, outcome: 'SUCCESS' });
  });

  it('refuses expired and revoked links and emails that have an account', async () => {
    const r = await api.gql<Invited>(INVITE, { i: { email: 'late@lab.test', projectId } }, root.session);
    const { url, invitation } = r.data!.createInvitation;
    await api.db.prisma.invitation.update({
      where: { id: invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await api.gql(ACCEPT, { i: { token: url, name: 'Late', password: GOOD_PASSWORD } });
    expect(failure(expired)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LINK_EXPIRED' });

    const r2 = await api.gql<Invited>(INVITE, { i: { email: 'gone@lab.test', projectId } }, root.session);
    const revoke = await api.gql(
      `mutation($id: ID!) { revokeInvitation(id: $id) { revokedAt } }`,
      { id: r2.data!.createInvitation.invitation.id },
      root.session,
    );
    expect(revoke.errors).toBeUndefined();
    const revoked = await api.gql(ACCEPT, {
      i: { token: r2.data!.createInvitation.url, name: 'G', password: GOOD_PASSWORD },
    });
    expect(failure(revoked)).toMatchObject({ code: 'CONFLICT', reason: 'LINK_REVOKED' });

    const taken = await api.gql(INVITE, { i: { email: root.email.toUpperCase(), projectId } }, root.session);
    expect(failure(taken)).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_TAKEN', field: 'input.email' });
    const forged = await api.gql(ACCEPT, {
      i: { token: 'dsi_not-a-real-token', name: 'X', password: GOOD_PASSWORD },
    });
    expect(failure(forged)).toMatchObject({ code: 'NOT_FOUND', reason: 'LINK_INVALID' });
    expect(
      await api.db.prisma.user.count({ where: { email: { in: ['late@lab.test', 'gone@lab.test'] } } }),
    ).toBe(0);
  });

  it('lets project ADMINs invite to their project only, and nobody else', async () => {
    const admin = await person(api, projectId, 'ADMIN', 'padmin');
    const member = await person(api, projectId, 'MEMBER', 'pmember');
    const own = await api.gql<Invited>(
      INVITE,
      { i: { email: 'new@lab.test', projectId, role: 'VIEWER' } },
      admin.session,
    );
    expect(own.errors).toBeUndefined();
    const site = await api.gql(INVITE, { i: { email: 'site@lab.test' } }, admin.session);
    expect(failure(site)?.code).toBe('FORBIDDEN');
    const asAdmin = await api.gql(
      INVITE,
      { i: { email: 'boss@lab.test', projectId, isSiteAdmin: true } },
      admin.session,
    );
    expect(failure(asAdmin)?.code).toBe('FORBIDDEN');
    const byMember = await api.gql(INVITE, { i: { email: 'm@lab.test', projectId } }, member.session);
    expect(failure(byMember)?.code).toBe('FORBIDDEN');
    const list = await api.gql<{ invitations: { email: string }[] }>(
      `query($p: ID) { invitations(projectId: $p) { email } }`,
      { p: projectId },
      admin.session,
    );
    expect(list.data?.invitations.map((i) => i.email)).toContain('new@lab.test');
    expect(failure(await api.gql(`{ invitations { email } }`, {}, admin.session))?.code).toBe('FORBIDDEN');
    // A second invitation for the same email and project replaces the first.
    const again = await api.gql<Invited>(
      INVITE,
      { i: { email: 'new@lab.test', projectId, role: 'MEMBER' } },
      admin.session,
    );
    const first = await api.gql(ACCEPT, {
      i: { token: own.data!.createInvitation.url, name: 'N', password: GOOD_PASSWORD },
    });
    expect(failure(first)).toMatchObject({ code: 'CONFLICT', reason: 'LINK_REVOKED' });
    const second = await api.gql(ACCEPT, {
      i: { token: again.data!.createInvitation.url, name: 'N', password: GOOD_PASSWORD },
    });
    expect(second.errors).toBeUndefined();
  });

  it('prints the link when no SMTP server is configured', async () => {
    const bare = await startApi(api.db);
    try {
      const r = await bare.gql<Invited>(INVITE, { i: { email: 'nomail@lab.test' } }, root.session);
      expect(r.data?.createInvitation).toMatchObject({ emailSent: false });
      expect(r.data?.createInvitation.url).toMatch(/^http:\/\/localhost:3000\/invite#token=dsi_/);
    } finally {
      await bare.server.stop();
    }
  });
});
