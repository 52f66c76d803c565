/** IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser. */
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, type AccessKeyRecord } from '../../accounts/credential-directory.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { deleteConflict, iamScope, nameKey, noSuchEntity, outputTags, pageOutput, paginate, requestTags, toDate, validationError } from './common.js';
import { boundaryFor, releaseBoundary } from './boundaries.js';
import {
  CHILD,
  hasChildren,
  createEntity,
  deleteEntity,
  entityById,
  listChildren,
  listEntities,
  renameEntity,
  requireEntity,
  type EntityRecord,
  type EntityType,
} from './entities.js';
import { accountCreateDate } from './account.js';
import type { IamAccessKey } from './access-keys.js';
import { MFA_USER_KIND } from './mfa-records.js';
import { SERVICE_CREDENTIAL_KIND, SIGNING_CERT_KIND, SSH_KEY_KIND } from './credential-kinds.js';

/** A user as IAM returns it; listings (`full` false) leave out the boundary and tags, as AWS does. */
export function userOutput(r: EntityRecord, full = true): Record<string, unknown> {
  return {
    Path: r.Path,
    UserName: r.Name,
    UserId: r.Id,
    Arn: r.Arn,
    CreateDate: toDate(r.CreateDate),
    PermissionsBoundary: full ? r.PermissionsBoundary : undefined,
    Tags: full ? outputTags(r.Tags) : undefined,
  };
}

/**
 * The user an operation without UserName acts on: the calling IAM user. Root and other
 * principals must name a user (ValidationError, as AWS answers).
 */
export async function callerUser(ctx: RequestContext, ops: StoreOps): Promise<EntityRecord> {
  if (ctx.principal.type === 'IAMUser') {
    const user = await entityById(ops, iamScope(ctx), 'user', ctx.principal.userId);
    if (user) return user;
    throw noSuchEntity(`The user with name ${ctx.principal.arn.split('/').pop() ?? ''} cannot be found.`);
  }
  throw validationError('Must specify userName when calling with non-User credentials');
}

/** The named user, or the calling IAM user when the name is absent. */
export async function targetUser(ctx: RequestContext, ops: StoreOps, name: unknown): Promise<EntityRecord> {
  return typeof name === 'string' ? requireEntity(ops, iamScope(ctx), 'user', name) : callerUser(ctx, ops);
}

export const createUser: OperationHandler = async (ctx, input) => {
  const tags = requestTags(input);
  const user = await ctx.store.transaction(async (tx) =>
    createEntity(ctx, tx, 'user', {
      Name: input.UserName as string,
      Path: input.Path as string | undefined,
      Tags: tags,
      PermissionsBoundary: input.PermissionsBoundary ? await boundaryFor(tx, iamScope(ctx), input.PermissionsBoundary as string) : undefined,
    }),
  );
  return { User: userOutput(user) };
};

export const getUser: OperationHandler = async (ctx, input) => {
  if (input.UserName === undefined && ctx.principal.type === 'Root') {
    // AWS answers root credentials with the account's root identity (no name or path).
    return { User: { UserId: ctx.account, Arn: ctx.principal.arn, CreateDate: await accountCreateDate(ctx) } };
  }
  return { User: userOutput(await targetUser(ctx, ctx.store, input.UserName)) };
};

export const listUsers: OperationHandler = async (ctx, input) => {
  const users = await listEntities(ctx.store, iamScope(ctx), 'user', input.PathPrefix as string | undefined);
  return pageOutput('Users', paginate(users, (u) => nameKey(u.Name), input), (u) => userOutput(u, false));
};

export const updateUser: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const user = await requireEntity(tx, scope, 'user', input.UserName as string);
    const updated = await renameEntity(tx, scope, 'user', user, input.NewUserName as string | undefined, input.NewPath as string | undefined);
    if (updated.Arn === user.Arn) return;
    // The user's keys now authenticate as the new ARN.
    for (const key of await listChildren<IamAccessKey>(tx, scope, CHILD.accessKey, user.Id)) {
      const auth = await tx.get<AccessKeyRecord>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, key.value.AccessKeyId);
      if (auth) await tx.put(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, auth.id, { ...auth.value, principal: { ...auth.value.principal, arn: updated.Arn } });
    }
  });
  return {};
};

/**
 * Deletes the named entity in one transaction, unless something still hangs off it: the first
 * child kind of `blockers` it has fails the call with that DeleteConflict message. `release`
 * runs on the record just before it is deleted (e.g. to free its permissions boundary).
 */
export async function deleteUnlessInUse(
  ctx: RequestContext,
  type: EntityType,
  name: string,
  blockers: ReadonlyArray<readonly [kind: string, message: string]>,
  release?: (tx: StoreOps, scope: Scope, record: EntityRecord) => Promise<void>,
): Promise<void> {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const record = await requireEntity(tx, scope, type, name);
    for (const [kind, message] of blockers) {
      if (await hasChildren(tx, scope, kind, record.Id)) throw deleteConflict(message);
    }
    await release?.(tx, scope, record);
    await deleteEntity(tx, scope, type, record);
  });
}

export const deleteUser: OperationHandler = async (ctx, input) => {
  await deleteUnlessInUse(
    ctx,
    'user',
    input.UserName as string,
    [
      [CHILD.loginProfile, 'Cannot delete entity, must delete login profile first.'],
      [CHILD.accessKey, 'Cannot delete entity, must delete access keys first.'],
      [CHILD.inline, 'Cannot delete entity, must delete policies first.'],
      [CHILD.attached, 'Cannot delete entity, must detach all policies first.'],
      [CHILD.userGroups, 'Cannot delete entity, must remove users from group first.'],
      [MFA_USER_KIND, 'Cannot delete entity, must delete MFA device first.'],
      [SIGNING_CERT_KIND, 'Cannot delete entity, must delete signing certificates first.'],
      [SSH_KEY_KIND, 'Cannot delete entity, must delete SSH public keys first.'],
      [SERVICE_CREDENTIAL_KIND, 'Cannot delete entity, must delete service specific credentials first.'],
    ],
    (tx, scope, user) => releaseBoundary(tx, scope, user.PermissionsBoundary),
  );
  return {};
};
