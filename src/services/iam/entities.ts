/**
 * Users, groups and roles share one storage layout: the record under its immutable unique id
 * (AIDA…, AGPA…, AROA…) and a name index (names are unique case-insensitively). Everything
 * that hangs off an entity (keys, memberships, attachments, inline policies) is keyed by
 * `<entity id>/…`, so a rename rewrites only the record and its index.
 */
import type { Scope, StoreOps, StoredItem } from '../../store/index.js';
import type { RequestContext } from '../types.js';
import { entityAlreadyExists, iamArn, iamScope, nameKey, newId, noSuchEntity, nowIso, type Tag } from './common.js';

export type EntityType = 'user' | 'group' | 'role';

interface EntityInfo {
  kind: string;
  nameIndex: string;
  idPrefix: string;
  label: string;
  title: string;
  /** The request member naming it (UserName, GroupName, RoleName). */
  nameField: string;
}

export const ENTITY: Record<EntityType, EntityInfo> = {
  user: { kind: 'iam:user', nameIndex: 'iam:user-name', idPrefix: 'AIDA', label: 'user', title: 'User', nameField: 'UserName' },
  group: { kind: 'iam:group', nameIndex: 'iam:group-name', idPrefix: 'AGPA', label: 'group', title: 'Group', nameField: 'GroupName' },
  role: { kind: 'iam:role', nameIndex: 'iam:role-name', idPrefix: 'AROA', label: 'role', title: 'Role', nameField: 'RoleName' },
};

/** Kinds of the items that hang off an entity, keyed `<entity id>/<child>`. */
export const CHILD = {
  accessKey: 'iam:access-key',
  userGroups: 'iam:user-groups',
  groupUsers: 'iam:group-users',
  attached: 'iam:attached',
  inline: 'iam:inline',
  loginProfile: 'iam:login-profile',
  /** The reverse of `attached`: `<policy id>/<entity id>`. */
  policyEntities: 'iam:policy-entities',
} as const;

export interface PermissionsBoundary {
  PermissionsBoundaryType: 'PermissionsBoundaryPolicy';
  PermissionsBoundaryArn: string;
}

export interface EntityRecord {
  Id: string;
  Name: string;
  Path: string;
  Arn: string;
  CreateDate: string;
  Tags?: Tag[];
  PermissionsBoundary?: PermissionsBoundary;
  /** Roles only. */
  AssumeRolePolicyDocument?: string;
  Description?: string;
  MaxSessionDuration?: number;
}

interface NameIndex {
  id: string;
}

export async function findEntity(ops: StoreOps, scope: Scope, type: EntityType, name: string): Promise<EntityRecord | undefined> {
  const index = await ops.get<NameIndex>(scope, ENTITY[type].nameIndex, name.toLowerCase());
  if (!index) return undefined;
  return (await ops.get<EntityRecord>(scope, ENTITY[type].kind, index.value.id))?.value;
}

/** The entity, or NoSuchEntity "The user with name bob cannot be found.". */
export async function requireEntity(ops: StoreOps, scope: Scope, type: EntityType, name: string): Promise<EntityRecord> {
  const found = await findEntity(ops, scope, type, name);
  if (!found) throw noSuchEntity(`The ${ENTITY[type].label} with name ${name} cannot be found.`);
  return found;
}

export async function entityById(ops: StoreOps, scope: Scope, type: EntityType, id: string): Promise<EntityRecord | undefined> {
  return (await ops.get<EntityRecord>(scope, ENTITY[type].kind, id))?.value;
}

/** Creates the entity (EntityAlreadyExists "User with name bob already exists." on a name clash). */
export async function createEntity(
  ctx: RequestContext,
  ops: StoreOps,
  type: EntityType,
  fields: { Name: string; Path?: string } & Partial<EntityRecord>,
): Promise<EntityRecord> {
  const scope = iamScope(ctx);
  if (await findEntity(ops, scope, type, fields.Name)) {
    throw entityAlreadyExists(`${ENTITY[type].title} with name ${fields.Name} already exists.`);
  }
  const path = fields.Path ?? '/';
  const record: EntityRecord = {
    ...fields,
    Id: newId(ENTITY[type].idPrefix),
    Path: path,
    Arn: iamArn(ctx.account, type, path, fields.Name),
    CreateDate: nowIso(),
  };
  await ops.put(scope, ENTITY[type].kind, record.Id, record);
  await ops.put<NameIndex>(scope, ENTITY[type].nameIndex, record.Name.toLowerCase(), { id: record.Id });
  return record;
}

export async function saveEntity(ops: StoreOps, scope: Scope, type: EntityType, record: EntityRecord): Promise<void> {
  await ops.put(scope, ENTITY[type].kind, record.Id, record);
}

/** Renames and/or moves the entity; the ARN follows. Returns the updated record. */
export async function renameEntity(
  ops: StoreOps,
  scope: Scope,
  type: EntityType,
  record: EntityRecord,
  newName: string | undefined,
  newPath: string | undefined,
): Promise<EntityRecord> {
  const name = newName ?? record.Name;
  const path = newPath ?? record.Path;
  if (name.toLowerCase() !== record.Name.toLowerCase()) {
    if (await findEntity(ops, scope, type, name)) throw entityAlreadyExists(`${ENTITY[type].title} with name ${name} already exists.`);
    await ops.delete(scope, ENTITY[type].nameIndex, record.Name.toLowerCase());
  }
  await ops.put<NameIndex>(scope, ENTITY[type].nameIndex, name.toLowerCase(), { id: record.Id });
  const updated = { ...record, Name: name, Path: path, Arn: iamArn(scope.account, type, path, name) };
  await saveEntity(ops, scope, type, updated);
  return updated;
}

export async function deleteEntity(ops: StoreOps, scope: Scope, type: EntityType, record: EntityRecord): Promise<void> {
  await ops.delete(scope, ENTITY[type].kind, record.Id);
  await ops.delete(scope, ENTITY[type].nameIndex, record.Name.toLowerCase());
}

/** Every entity of the type under the path prefix, in IAM's listing order. */
export async function listEntities(ops: StoreOps, scope: Scope, type: EntityType, pathPrefix?: string): Promise<EntityRecord[]> {
  const { items } = await ops.list<EntityRecord>(scope, ENTITY[type].kind);
  return items
    .map((i) => i.value)
    .filter((r) => !pathPrefix || r.Path.startsWith(pathPrefix))
    .sort((a, b) => (nameKey(a.Name) < nameKey(b.Name) ? -1 : 1));
}

/** The children of an entity in one child kind. */
export async function listChildren<T>(ops: StoreOps, scope: Scope, kind: string, parentId: string): Promise<StoredItem<T>[]> {
  return (await ops.list<T>(scope, kind, { prefix: `${parentId}/` })).items;
}

/** Whether the entity has any child of the kind (for DeleteConflict checks). */
export async function hasChildren(ops: StoreOps, scope: Scope, kind: string, parentId: string): Promise<boolean> {
  return (await ops.list(scope, kind, { prefix: `${parentId}/`, limit: 1 })).items.length > 0;
}

export function childId(parentId: string, child: string): string {
  return `${parentId}/${child}`;
}
