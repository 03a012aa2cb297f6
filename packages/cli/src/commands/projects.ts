// projects list | create | rename | archive | unarchive, and members list | add | remove | role | leave.
import {
  AddMemberDocument,
  AllProjectsDocument,
  ArchiveProjectDocument,
  CreateProjectDocument,
  getProject,
  LeaveProjectDocument,
  RemoveMemberDocument,
  SetMemberRoleDocument,
  UnarchiveProjectDocument,
  UpdateProjectDocument,
  type DistilleryClient,
} from '@distillery/client';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import { findMember, pickRole, projectMembers } from '../accounts.ts';
import { printList, printObject } from '../output.ts';
import type { Register } from '../program.ts';

export const registerProjectCommands: Register = (program: Command, action) => {
  const projects = program.command('projects').description('create, rename and archive projects');
  projects
    .command('list')
    .description('your projects (every project for site admins)')
    .option('--archived', 'include archived projects')
    .action(
      action(async (ctx, o: { archived?: boolean }) => {
        const { projects: rows } = await ctx
          .client()
          .request(AllProjectsDocument, { includeArchived: Boolean(o.archived) });
        printList(ctx.io, ctx.json, rows, [
          { header: 'slug', get: (p) => p.slug },
          { header: 'name', get: (p) => p.name },
          { header: 'role', get: (p) => p.myRole },
          { header: 'runs', get: (p) => p.runCount },
          { header: 'archived', get: (p) => p.archivedAt },
          { header: 'id', get: (p) => p.id },
        ]);
      }),
    );
  projects
    .command('create <slug>')
    .description('create a project; you become its ADMIN')
    .option('--name <name>', 'display name (default: the slug)')
    .option('--description <text>', 'what the project is for')
    .addHelpText('after', '\nExamples:\n  $ distillery projects create vision --name "Vision lab"')
    .action(
      action(async (ctx, slug: string, o: { name?: string; description?: string }) => {
        const { createProject } = await ctx.client().request(CreateProjectDocument, {
          input: { slug, name: o.name ?? slug, description: o.description ?? '' },
        });
        if (ctx.json) printObject(ctx.io, true, createProject);
        else ctx.io.out(`Project ${createProject.slug} created (${createProject.id}); you are its ADMIN\n`);
      }),
    );
  projects
    .command('rename <project> <name>')
    .description('change the display name (ADMIN); the slug stays')
    .option('--description <text>', 'also change the description')
    .action(
      action(async (ctx, ref: string, name: string, o: { description?: string }) => {
        const { id } = await getProject(ctx.client(), ref);
        const { updateProject } = await ctx.client().request(UpdateProjectDocument, {
          input: {
            projectId: id,
            name,
            ...(o.description !== undefined ? { description: o.description } : {}),
          },
        });
        if (ctx.json) printObject(ctx.io, true, updateProject);
        else ctx.io.out(`Project ${updateProject.slug} is now "${updateProject.name}"\n`);
      }),
    );
  const flip = {
    archive: async (c: DistilleryClient, projectId: string) =>
      (await c.request(ArchiveProjectDocument, { projectId })).archiveProject,
    unarchive: async (c: DistilleryClient, projectId: string) =>
      (await c.request(UnarchiveProjectDocument, { projectId })).unarchiveProject,
  };
  for (const [name, help] of [
    ['archive', 'make a project read-only and hide it from lists (ADMIN)'],
    ['unarchive', 'make an archived project writable again (ADMIN)'],
  ] as const) {
    projects
      .command(`${name} <project>`)
      .description(help)
      .action(
        action(async (ctx, ref: string) => {
          const { id } = await getProject(ctx.client(), ref);
          const p = await flip[name](ctx.client(), id);
          if (ctx.json) printObject(ctx.io, true, p);
          else ctx.io.out(`Project ${p.slug} ${p.archivedAt ? 'archived (read-only)' : 'writable again'}\n`);
        }),
      );
  }

  const members = program.command('members').description("the project's members and their roles");
  members
    .command('list')
    .description('members of --project')
    .action(
      action(async (ctx) => {
        const project = await projectMembers(ctx);
        printList(ctx.io, ctx.json, project.members, [
          { header: 'email', get: (m) => m.user.email },
          { header: 'name', get: (m) => m.user.name },
          { header: 'role', get: (m) => m.role },
          { header: 'state', get: (m) => (m.user.disabledAt ? 'disabled' : 'active') },
          { header: 'since', get: (m) => m.createdAt },
          { header: 'user id', get: (m) => m.user.id },
        ]);
      }),
    );
  members
    .command('add <email>')
    .description('add someone with an account (ADMIN); invite others with `users invite`')
    .option('--role <role>', 'viewer, member, supervisor or admin', 'member')
    .addHelpText('after', '\nExamples:\n  $ distillery members add ada@lab.org --role supervisor -p vision')
    .action(
      action(async (ctx, email: string, o: { role: string }) => {
        const { addMember } = await ctx.client().request(AddMemberDocument, {
          input: { projectId: await ctx.projectId(), email, role: pickRole(o.role) },
        });
        if (ctx.json) printObject(ctx.io, true, addMember);
        else ctx.io.out(`${addMember.user.email} is ${addMember.role} of the project\n`);
      }),
    );
  members
    .command('role <member> <role>')
    .description("change a member's role (ADMIN); the last ADMIN cannot be demoted")
    .action(
      action(async (ctx, who: string, role: string) => {
        const m = await findMember(ctx, who);
        const { setMemberRole } = await ctx.client().request(SetMemberRoleDocument, {
          input: { projectId: m.projectId, userId: m.user.id, role: pickRole(role) },
        });
        if (ctx.json) printObject(ctx.io, true, setMemberRole);
        else ctx.io.out(`${setMemberRole.user.email} is now ${setMemberRole.role}\n`);
      }),
    );
  members
    .command('remove <member>')
    .description('remove a member (ADMIN); the last ADMIN cannot be removed')
    .action(
      action(async (ctx, who: string) => {
        const m = await findMember(ctx, who);
        await ctx
          .client()
          .request(RemoveMemberDocument, { input: { projectId: m.projectId, userId: m.user.id } });
        if (ctx.json) printObject(ctx.io, true, { removed: m.user.email });
        else ctx.io.out(`${m.user.email} removed from the project\n`);
      }),
    );
  members
    .command('leave')
    .description('leave --project (its last ADMIN must hand it over first)')
    .option('--yes', 'do not ask (required: there is no way back without an ADMIN)')
    .action(
      action(async (ctx, o: { yes?: boolean }) => {
        if (!o.yes)
          throw new AppError(AppErrorCode.BAD_USER_INPUT, 'leaving cannot be undone by you: pass --yes');
        const projectId = await ctx.projectId();
        await ctx.client().request(LeaveProjectDocument, { projectId });
        if (ctx.json) printObject(ctx.io, true, { left: projectId });
        else ctx.io.out('You left the project\n');
      }),
    );
};
