/**
 * Groups: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup, AddUserToGroup,
 * RemoveUserFromGroup, ListGroupsForUser. Membership is two index records written together:
 * `<user id>/<group id>` (iam:user-groups) and `<group id>/<user id>` (iam:group-users).
 */
import type { OperationHandler } from '../types.js';
import { iamScope, limitExceeded, nameKey, noSuchEntity, pageOutput, paginate, toDate } from './common.js';
import {
  CHILD,
  childId,
  createEntity,
  entityById,
  listChildren,
  listEntities,
  renameEntity,
  requireEntity,
  type EntityRecord,
} from './entities.js';
import { deleteUnlessInUse, userOutput } from './users.js';

export const MAX_GROUPS_PER_USER = 10;

interface Membership {
  id: string;
}

export function groupOutput(r: EntityRecord): Record<string, unknown> {
  return { Path: r.Path, GroupName: r.Name, GroupId: r.Id, Arn: r.Arn, CreateDate: toDate(r.CreateDate) };
}

const byName = (a: EntityRecord, b: EntityRecord) => (nameKey(a.Name) < nameKey(b.Name) ? -1 : 1);

export const createGroup: OperationHandler = async (ctx, input) => {
  const group = await ctx.store.transaction((tx) =>
    createEntity(ctx, tx, 'group', { Name: input.GroupName as string, Path: input.Path as string | undefined }),
  );
  return { Group: groupOutput(group) };
};

export const getGroup: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const group = await requireEntity(ctx.store, scope, 'group', input.GroupName as string);
  const users: EntityRecord[] = [];
  for (const m of await listChildren<Membership>(ctx.store, scope, CHILD.groupUsers, group.Id)) {
    const user = await entityById(ctx.store, scope, 'user', m.value.id);
    if (user) users.push(user);
  }
  users.sort(byName);
  return { Group: groupOutput(group), ...pageOutput('Users', paginate(users, (u) => nameKey(u.Name), input), (u) => userOutput(u, false)) };
};

export const listGroups: OperationHandler = async (ctx, input) => {
  const groups = await listEntities(ctx.store, iamScope(ctx), 'group', input.PathPrefix as string | undefined);
  return pageOutput('Groups', paginate(groups, (g) => nameKey(g.Name), input), groupOutput);
};

export const updateGroup: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const group = await requireEntity(tx, scope, 'group', input.GroupName as string);
    await renameEntity(tx, scope, 'group', group, input.NewGroupName as string | undefined, input.NewPath as string | undefined);
  });
  return {};
};

export const deleteGroup: OperationHandler = async (ctx, input) => {
  await deleteUnlessInUse(ctx, 'group', input.GroupName as string, [
    [CHILD.groupUsers, 'Cannot delete entity, must remove users from group first.'],
    [CHILD.inline, 'Cannot delete entity, must delete policies first.'],
    [CHILD.attached, 'Cannot delete entity, must detach all policies first.'],
  ]);
  return {};
};

export const addUserToGroup: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const group = await requireEntity(tx, scope, 'group', input.GroupName as string);
    const user = await requireEntity(tx, scope, 'user', input.UserName as string);
    if (await tx.get(scope, CHILD.userGroups, childId(user.Id, group.Id))) return; // already a member: no-op, as AWS
    const current = await listChildren(tx, scope, CHILD.userGroups, user.Id);
    if (current.length >= MAX_GROUPS_PER_USER) throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${MAX_GROUPS_PER_USER}`);
    await tx.put<Membership>(scope, CHILD.userGroups, childId(user.Id, group.Id), { id: group.Id });
    await tx.put<Membership>(scope, CHILD.groupUsers, childId(group.Id, user.Id), { id: user.Id });
  });
  return {};
};

export const removeUserFromGroup: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const group = await requireEntity(tx, scope, 'group', input.GroupName as string);
    const user = await requireEntity(tx, scope, 'user', input.UserName as string);
    if (!(await tx.delete(scope, CHILD.userGroups, childId(user.Id, group.Id)))) {
      throw noSuchEntity(`The user with name ${user.Name} cannot be found in group ${group.Name}.`);
    }
    await tx.delete(scope, CHILD.groupUsers, childId(group.Id, user.Id));
  });
  return {};
};

export const listGroupsForUser: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const user = await requireEntity(ctx.store, scope, 'user', input.UserName as string);
  const groups: EntityRecord[] = [];
  for (const m of await listChildren<Membership>(ctx.store, scope, CHILD.userGroups, user.Id)) {
    const group = await entityById(ctx.store, scope, 'group', m.value.id);
    if (group) groups.push(group);
  }
  groups.sort(byName);
  return pageOutput('Groups', paginate(groups, (g) => nameKey(g.Name), input), groupOutput);
};
