/**
 * Access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey,
 * GetAccessKeyLastUsed. Each key is two records written together: the IAM view under the user
 * (no secret) and the credential the SigV4 directory reads (ACCESS_KEY_SCOPE), which
 * authenticates as soon as it is written and stops when its status is Inactive.
 *
 * The secret is returned once by CreateAccessKey and never logged. NOTE: the store does not
 * encrypt it at rest yet.
 */
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, sealAccessKey, type AccessKeyRecord } from '../../accounts/credential-directory.js';
import type { OperationHandler } from '../types.js';
import { iamScope, limitExceeded, newId, newSecret, noSuchEntity, nowIso, pageOutput, paginate, toDate } from './common.js';
import { CHILD, childId, entityById, listChildren, type EntityRecord } from './entities.js';
import { targetUser } from './users.js';

export const MAX_KEYS_PER_USER = 2;

/** The IAM view of a key, stored under `<user id>/<key id>`. */
export interface IamAccessKey {
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
}

/**
 * The credential record, with the last-use hook: the authentication step may set `lastUsed`
 * when a key signs a request; GetAccessKeyLastUsed reports it (N/A until then, as AWS does).
 */
export interface UserAccessKeyRecord extends AccessKeyRecord {
  lastUsed?: { date: string; serviceName: string; region: string };
}

function keyOutput(user: EntityRecord, key: IamAccessKey): Record<string, unknown> {
  return { UserName: user.Name, AccessKeyId: key.AccessKeyId, Status: key.Status, CreateDate: toDate(key.CreateDate) };
}

function noSuchKey(id: string): Error {
  return noSuchEntity(`The Access Key with id ${id} cannot be found.`);
}

export const createAccessKey: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  return ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const existing = await listChildren(tx, scope, CHILD.accessKey, user.Id);
    if (existing.length >= MAX_KEYS_PER_USER) throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`);
    const key: IamAccessKey = { AccessKeyId: newId('AKIA', 16), Status: 'Active', CreateDate: nowIso() };
    const secretAccessKey = newSecret();
    const credential: UserAccessKeyRecord = {
      accessKeyId: key.AccessKeyId,
      secretAccessKey,
      principal: { type: 'IAMUser', account: ctx.account, arn: user.Arn, userId: user.Id },
      status: 'Active',
    };
    await tx.put(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, key.AccessKeyId, sealAccessKey(ctx.masterKey, credential), { expectVersion: 0 });
    await tx.put(scope, CHILD.accessKey, childId(user.Id, key.AccessKeyId), key);
    return { AccessKey: { ...keyOutput(user, key), SecretAccessKey: secretAccessKey } };
  });
};

export const listAccessKeys: OperationHandler = async (ctx, input) => {
  const user = await targetUser(ctx, ctx.store, input.UserName);
  const keys = (await listChildren<IamAccessKey>(ctx.store, iamScope(ctx), CHILD.accessKey, user.Id)).map((k) => k.value);
  keys.sort((a, b) => (a.AccessKeyId < b.AccessKeyId ? -1 : 1));
  return pageOutput('AccessKeyMetadata', paginate(keys, (k) => k.AccessKeyId, input), (k) => keyOutput(user, k));
};

export const updateAccessKey: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const id = input.AccessKeyId as string;
  const status = input.Status as IamAccessKey['Status'];
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const key = await tx.get<IamAccessKey>(scope, CHILD.accessKey, childId(user.Id, id));
    if (!key) throw noSuchKey(id);
    await tx.put(scope, CHILD.accessKey, key.id, { ...key.value, Status: status });
    const auth = await tx.get<UserAccessKeyRecord>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, id);
    if (auth) await tx.put(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, id, { ...auth.value, status });
  });
  return {};
};

export const deleteAccessKey: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const id = input.AccessKeyId as string;
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    if (!(await tx.delete(scope, CHILD.accessKey, childId(user.Id, id)))) throw noSuchKey(id);
    await tx.delete(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, id);
  });
  return {};
};

export const getAccessKeyLastUsed: OperationHandler = async (ctx, input) => {
  const id = input.AccessKeyId as string;
  const auth = (await ctx.store.get<UserAccessKeyRecord>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, id))?.value;
  const user = auth?.principal.type === 'IAMUser' && auth.principal.account === ctx.account
    ? await entityById(ctx.store, iamScope(ctx), 'user', auth.principal.userId)
    : undefined;
  if (!auth || !user) throw noSuchKey(id);
  const used = auth.lastUsed;
  return {
    UserName: user.Name,
    AccessKeyLastUsed: used
      ? { LastUsedDate: toDate(used.date), ServiceName: used.serviceName, Region: used.region }
      : { ServiceName: 'N/A', Region: 'N/A' },
  };
};
