/**
 * Read-only views for the authorizer (src/authz/): the policy documents that apply to a user
 * or a role, straight from the records the IAM API writes. No writes, no errors for missing
 * pieces (a policy deleted meanwhile simply contributes nothing).
 */
import { GLOBAL_REGION, type Scope, type StoreOps } from '../../store/index.js';
import { CHILD, entityById, findEntity, listChildren, type EntityRecord, type EntityType } from './entities.js';
import { defaultPolicyDocument } from './managed-policies.js';

export interface PolicyDocument {
  /** The managed policy ARN, or `<entity arn>#<inline policy name>` for an inline policy. */
  id: string;
  document: string;
}

export interface EntityPolicies {
  entity: EntityRecord;
  /** Inline and attached policies of the entity (and, for a user, of its groups). */
  identity: PolicyDocument[];
  boundary?: PolicyDocument;
}

const scopeOf = (account: string): Scope => ({ account, region: GLOBAL_REGION });

/** The default version's document of a managed policy: the account's own, or AWS managed. */
export function managedPolicyDocument(ops: StoreOps, account: string, arn: string): Promise<PolicyDocument | undefined> {
  return defaultPolicyDocument(ops, account, arn);
}

async function ownPolicies(ops: StoreOps, scope: Scope, entity: EntityRecord): Promise<PolicyDocument[]> {
  const out: PolicyDocument[] = [];
  for (const p of await listChildren<{ PolicyName: string; PolicyDocument: string }>(ops, scope, CHILD.inline, entity.Id)) {
    out.push({ id: `${entity.Arn}#${p.value.PolicyName}`, document: p.value.PolicyDocument });
  }
  for (const a of await listChildren<{ PolicyArn: string }>(ops, scope, CHILD.attached, entity.Id)) {
    const doc = await managedPolicyDocument(ops, scope.account, a.value.PolicyArn);
    if (doc) out.push(doc);
  }
  return out;
}

/** A user's (by unique id) inline, attached and group policies and permissions boundary. */
export async function userPolicies(ops: StoreOps, account: string, userId: string): Promise<EntityPolicies | undefined> {
  const scope = scopeOf(account);
  const user = await entityById(ops, scope, 'user', userId);
  if (!user) return undefined;
  const identity = await ownPolicies(ops, scope, user);
  for (const m of await listChildren<{ id: string }>(ops, scope, CHILD.userGroups, user.Id)) {
    const group = await entityById(ops, scope, 'group', m.value.id);
    if (group) identity.push(...(await ownPolicies(ops, scope, group)));
  }
  return { entity: user, identity, boundary: await boundaryOf(ops, account, user) };
}

/** A role's (by name) inline and attached policies and permissions boundary. */
export async function rolePolicies(ops: StoreOps, account: string, roleName: string): Promise<EntityPolicies | undefined> {
  const scope = scopeOf(account);
  const role = await findEntity(ops, scope, 'role', roleName);
  if (!role) return undefined;
  return { entity: role, identity: await ownPolicies(ops, scope, role), boundary: await boundaryOf(ops, account, role) };
}

async function boundaryOf(ops: StoreOps, account: string, entity: EntityRecord): Promise<PolicyDocument | undefined> {
  const arn = entity.PermissionsBoundary?.PermissionsBoundaryArn;
  if (!arn) return undefined;
  // A boundary naming a policy that no longer exists allows nothing.
  return (await managedPolicyDocument(ops, account, arn)) ?? { id: arn, document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"none:None","Resource":"*"}]}' };
}

/** The path of a named user, group or role, when it exists. */
export async function entityPath(ops: StoreOps, account: string, type: EntityType, name: string): Promise<string | undefined> {
  return (await findEntity(ops, scopeOf(account), type, name))?.Path;
}
