// Saved runs-table views (issue 17, saved views): members of the project read them, editors (MEMBER)
// save and delete their own, and a payload that is not a bounded view is refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SAVED_VIEW_STATE_MAX_BYTES } from '../src/modules/saved-view/saved-view-state.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let projectId: string;
const t: Record<'viewer' | 'member' | 'other' | 'stranger', string> = {
  viewer: '',
  member: '',
  other: '',
  stranger: '',
};

const SAVE = `mutation($i: SaveViewInput!) { saveView(input: $i) { id name state mine owner { email } } }`;
const LIST = `query($p: ID!) { savedViews(projectId: $p) { id name state mine } }`;
const DELETE = `mutation($id: ID!) { deleteSavedView(id: $id) { id } }`;
const state = {
  name: '',
  kind: 'STUDENT',
  status: '',
  tag: '',
  where: 'summary.test_accuracy >= 0.8',
  order: { field: 'SUMMARY', direction: 'DESC', path: 'test_accuracy' },
  columns: ['summary.test_accuracy', 'params.mode'],
  group: 'mode',
};

beforeAll(async () => {
  api = await startApi();
  projectId = (await api.db.prisma.project.create({ data: { slug: 'views', name: 'Views' } })).id;
  t.viewer = (await createUser(api, projectId, 'VIEWER', 'viewer')).token;
  t.member = (await createUser(api, projectId, 'MEMBER', 'member')).token;
  t.other = (await createUser(api, projectId, 'MEMBER', 'other')).token;
  t.stranger = (await createUser(api, null, null, 'stranger')).token;
});
afterAll(() => api.close());

const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  r.errors?.[0]?.extensions?.code;

describe('saved views', () => {
  it('a member saves a view, saving the same name replaces it, every member reads it', async () => {
    const first = await api.gql<{ saveView: { id: string; mine: boolean } }>(
      SAVE,
      { i: { projectId, name: 'best students', state } },
      t.member,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.saveView.mine).toBe(true);
    const again = await api.gql<{ saveView: { id: string; state: typeof state } }>(
      SAVE,
      { i: { projectId, name: 'best students', state: { ...state, group: 'alpha' } } },
      t.member,
    );
    expect(again.data!.saveView.id).toBe(first.data!.saveView.id);
    const seen = await api.gql<{ savedViews: { name: string; state: typeof state; mine: boolean }[] }>(
      LIST,
      { p: projectId },
      t.viewer,
    );
    expect(seen.data!.savedViews).toEqual([
      expect.objectContaining({ name: 'best students', mine: false, state: { ...state, group: 'alpha' } }),
    ]);
  });

  it('refuses viewers and strangers, and deleting someone else’s view', async () => {
    expect(code(await api.gql(SAVE, { i: { projectId, name: 'v', state } }, t.viewer))).toBe('FORBIDDEN');
    expect(code(await api.gql(LIST, { p: projectId }, t.stranger))).toBe('FORBIDDEN');
    expect(code(await api.gql(LIST, { p: projectId }))).toBe('UNAUTHENTICATED');
    const [view] = (await api.gql<{ savedViews: { id: string }[] }>(LIST, { p: projectId }, t.member)).data!
      .savedViews;
    expect(code(await api.gql(DELETE, { id: view!.id }, t.other))).toBe('FORBIDDEN');
    expect(code(await api.gql(DELETE, { id: view!.id }, t.stranger))).toBe('NOT_FOUND');
    expect(await api.db.prisma.savedView.count({ where: { projectId } })).toBe(1);
    expect((await api.gql(DELETE, { id: view!.id }, t.member)).errors).toBeUndefined();
    expect(await api.db.prisma.savedView.count({ where: { projectId } })).toBe(0);
  });

  it.each([
    ['an unknown key', { ...state, script: 'x' }, 'input.state'],
    ['a kind the schema lacks', { ...state, kind: 'WIZARD' }, 'input.state.kind'],
    [
      'too many columns',
      { ...state, columns: Array.from({ length: 101 }, (_, i) => `params.k${i}`) },
      'input.state.columns',
    ],
    ['an oversized payload', { ...state, where: 'x'.repeat(SAVED_VIEW_STATE_MAX_BYTES) }, 'input.state'],
    ['a non-object', 'everything', 'input.state'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, bad, field) => {
    const r = await api.gql(SAVE, { i: { projectId, name: 'bad', state: bad } }, t.member);
    expect(code(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe(field);
    expect(await api.db.prisma.savedView.count({ where: { projectId } })).toBe(0);
  });

  it('refuses an empty name', async () => {
    const r = await api.gql(SAVE, { i: { projectId, name: '   ', state } }, t.member);
    expect(code(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.extensions!.field).toBe('input.name');
  });
});
