/**
 * Instance profiles: Create/Get/List/Delete, Add/RemoveRoleToInstanceProfile (one role at
 * most, as AWS's quota), ListInstanceProfilesForRole and tags. The record (AIPA… id) keeps its
 * role ids; the reverse index `<role id>/<profile id>` lets DeleteRole refuse a role that is
 * still in a profile, and survives a role rename.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput } from '../types.js';
import {
  deleteConflict,
  entityAlreadyExists,
  iamArn,
  iamScope,
  limitExceeded,
  MAX_TAGS,
  nameKey,
  newId,
  noSuchEntity,
  nowIso,
  outputTags,
  pageOutput,
  paginate,
  requestTags,
  toDate,
  type Tag,
} from './common.js';
import { childId, entityById, listChildren, requireEntity, type EntityRecord } from './entities.js';
import { roleOutput } from './roles.js';

export const PROFILE_KIND = 'iam:instance-profile';
export const PROFILE_NAME_INDEX = 'iam:instance-profile-name';
/** `<role id>/<profile id>`: the profiles a role is in. */
export const ROLE_INSTANCE_PROFILES = 'iam:role-instance-profiles';

const MAX_ROLES = 1;

export interface InstanceProfileRecord {
  Id: string;
  Name: string;
  Path: string;
  Arn: string;
  CreateDate: string;
  RoleIds: string[];
  Tags?: Tag[];
}

async function findProfile(ops: StoreOps, scope: Scope, name: string): Promise<InstanceProfileRecord | undefined> {
  const index = await ops.get<{ id: string }>(scope, PROFILE_NAME_INDEX, name.toLowerCase());
  if (!index) return undefined;
  return (await ops.get<InstanceProfileRecord>(scope, PROFILE_KIND, index.value.id))?.value;
}

async function requireProfile(ops: StoreOps, scope: Scope, name: string): Promise<InstanceProfileRecord> {
  const found = await findProfile(ops, scope, name);
  if (!found) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return found;
}

async function profileOutput(ops: StoreOps, scope: Scope, p: InstanceProfileRecord): Promise<Record<string, unknown>> {
  const roles: Record<string, unknown>[] = [];
  for (const id of p.RoleIds) {
    const role = await entityById(ops, scope, 'role', id);
    if (role) {
      const out = roleOutput(role);
      // Roles inside an instance profile carry no last-use or boundary, as in AWS's answers.
      delete out.RoleLastUsed;
      delete out.PermissionsBoundary;
      roles.push(out);
    }
  }
  return {
    Path: p.Path,
    InstanceProfileName: p.Name,
    InstanceProfileId: p.Id,
    Arn: p.Arn,
    CreateDate: toDate(p.CreateDate),
    Roles: roles,
    Tags: outputTags(p.Tags),
  };
}

export const createInstanceProfile: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const name = input.InstanceProfileName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const tags = requestTags(input);
  if (tags.length > MAX_TAGS) throw limitExceeded('The number of tags has reached the maximum limit.');
  const record: InstanceProfileRecord = {
    Id: newId('AIPA'),
    Name: name,
    Path: path,
    Arn: iamArn(ctx.account, 'instance-profile', path, name),
    CreateDate: nowIso(),
    RoleIds: [],
    Tags: tags,
  };
  await ctx.store.transaction(async (tx) => {
    if (await findProfile(tx, scope, name)) throw entityAlreadyExists(`Instance Profile ${name} already exists.`);
    await tx.put(scope, PROFILE_KIND, record.Id, record);
    await tx.put(scope, PROFILE_NAME_INDEX, name.toLowerCase(), { id: record.Id });
  });
  return { InstanceProfile: await profileOutput(ctx.store, scope, record) };
};

export const getInstanceProfile: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const p = await requireProfile(ctx.store, scope, input.InstanceProfileName as string);
  return { InstanceProfile: await profileOutput(ctx.store, scope, p) };
};

export const listInstanceProfiles: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const prefix = input.PathPrefix as string | undefined;
  const { items } = await ctx.store.list<InstanceProfileRecord>(scope, PROFILE_KIND);
  const profiles = items
    .map((i) => i.value)
    .filter((p) => !prefix || p.Path.startsWith(prefix))
    .sort((a, b) => (nameKey(a.Name) < nameKey(b.Name) ? -1 : 1));
  const page = paginate(profiles, (p) => nameKey(p.Name), input);
  const out = pageOutput('InstanceProfiles', page, (p) => p);
  out.InstanceProfiles = await Promise.all(page.items.map((p) => profileOutput(ctx.store, scope, p)));
  return out;
};

/** The instance profiles a role is in, by name. */
async function profilesOfRole(ops: StoreOps, scope: Scope, role: EntityRecord): Promise<InstanceProfileRecord[]> {
  const profiles: InstanceProfileRecord[] = [];
  for (const link of await listChildren<{ profileId: string }>(ops, scope, ROLE_INSTANCE_PROFILES, role.Id)) {
    const p = (await ops.get<InstanceProfileRecord>(scope, PROFILE_KIND, link.value.profileId))?.value;
    if (p) profiles.push(p);
  }
  return profiles.sort((a, b) => (nameKey(a.Name) < nameKey(b.Name) ? -1 : 1));
}

/** A role's instance profiles as IAM returns them (GetAccountAuthorizationDetails' InstanceProfileList). */
export async function roleInstanceProfiles(ops: StoreOps, scope: Scope, role: EntityRecord): Promise<Record<string, unknown>[]> {
  return Promise.all((await profilesOfRole(ops, scope, role)).map((p) => profileOutput(ops, scope, p)));
}

export const listInstanceProfilesForRole: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const role = await requireEntity(ctx.store, scope, 'role', input.RoleName as string);
  const page = paginate(await profilesOfRole(ctx.store, scope, role), (p) => nameKey(p.Name), input);
  const out = pageOutput('InstanceProfiles', page, (p) => p);
  out.InstanceProfiles = await Promise.all(page.items.map((p) => profileOutput(ctx.store, scope, p)));
  return out;
};

export const deleteInstanceProfile: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const p = await requireProfile(tx, scope, input.InstanceProfileName as string);
    if (p.RoleIds.length > 0) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    await tx.delete(scope, PROFILE_KIND, p.Id);
    await tx.delete(scope, PROFILE_NAME_INDEX, p.Name.toLowerCase());
  });
  return {};
};

export const addRoleToInstanceProfile: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const p = await requireProfile(tx, scope, input.InstanceProfileName as string);
    const role = await requireEntity(tx, scope, 'role', input.RoleName as string);
    if (p.RoleIds.includes(role.Id)) throw limitExceeded(`Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${MAX_ROLES}`);
    if (p.RoleIds.length >= MAX_ROLES) throw limitExceeded(`Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${MAX_ROLES}`);
    await tx.put(scope, PROFILE_KIND, p.Id, { ...p, RoleIds: [...p.RoleIds, role.Id] });
    await tx.put(scope, ROLE_INSTANCE_PROFILES, childId(role.Id, p.Id), { profileId: p.Id });
  });
  return {};
};

export const removeRoleFromInstanceProfile: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const p = await requireProfile(tx, scope, input.InstanceProfileName as string);
    const roleName = input.RoleName as string;
    const role = await requireEntity(tx, scope, 'role', roleName);
    if (!p.RoleIds.includes(role.Id)) throw noSuchEntity(`The role with name ${roleName} cannot be found in instance profile ${p.Name}.`);
    await tx.put(scope, PROFILE_KIND, p.Id, { ...p, RoleIds: p.RoleIds.filter((id) => id !== role.Id) });
    await tx.delete(scope, ROLE_INSTANCE_PROFILES, childId(role.Id, p.Id));
  });
  return {};
};

export async function instanceProfileTagTarget(ops: StoreOps, scope: Scope, input: OperationInput): Promise<{ tags: Tag[]; save(tags: Tag[]): Promise<void> }> {
  const p = await requireProfile(ops, scope, input.InstanceProfileName as string);
  return {
    tags: p.Tags ?? [],
    save: async (tags) => {
      await ops.put(scope, PROFILE_KIND, p.Id, { ...p, Tags: tags });
    },
  };
}
