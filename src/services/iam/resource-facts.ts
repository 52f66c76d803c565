/**
 * Read-only view for the authorizer (src/authz/): what a request's target IAM resource carries
 * that condition keys read — its tags (`aws:ResourceTag/…`, `iam:ResourceTag/…`) and, for users
 * and roles, the permissions boundary (`iam:PermissionsBoundary`). No writes; undefined when
 * the ARN names nothing stored (or not an IAM resource).
 */
import { GLOBAL_REGION, type Scope, type StoreOps } from '../../store/index.js';
import type { Tag } from './common.js';
import { findEntity, type EntityType } from './entities.js';
import { PROFILE_KIND, PROFILE_NAME_INDEX, type InstanceProfileRecord } from './instance-profiles.js';
import { findPolicy } from './managed-policies.js';
import { findOidcProvider } from './oidc-providers.js';
import { SAML_KIND, type SamlProviderRecord } from './saml-providers.js';

export interface ResourceFacts {
  tags: Record<string, string>;
  /** The boundary ARN of a user or role. */
  permissionsBoundary?: string;
}

const IAM_ARN = /^arn:[^:]+:iam::(\d{12}):(user|role|group|policy|instance-profile|oidc-provider|saml-provider)\/(.+)$/;

const toMap = (tags: Tag[] | undefined): Record<string, string> => Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));

export async function iamResourceFacts(ops: StoreOps, arn: string): Promise<ResourceFacts | undefined> {
  const m = IAM_ARN.exec(arn);
  if (!m) return undefined;
  const [, account, type, rest] = m as unknown as [string, string, string, string];
  const scope: Scope = { account, region: GLOBAL_REGION };
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  switch (type) {
    case 'user':
    case 'role':
    case 'group': {
      const entity = await findEntity(ops, scope, type as EntityType, name);
      if (!entity || entity.Arn !== arn) return undefined;
      return { tags: toMap(entity.Tags), permissionsBoundary: entity.PermissionsBoundary?.PermissionsBoundaryArn };
    }
    case 'policy': {
      const found = await findPolicy(ops, scope, arn);
      return found ? { tags: toMap(found.record.Tags) } : undefined;
    }
    case 'instance-profile': {
      const index = await ops.get<{ id: string }>(scope, PROFILE_NAME_INDEX, name.toLowerCase());
      const profile = index && (await ops.get<InstanceProfileRecord>(scope, PROFILE_KIND, index.value.id))?.value;
      return profile ? { tags: toMap(profile.Tags) } : undefined;
    }
    case 'oidc-provider': {
      const p = await findOidcProvider(ops, scope, arn);
      return p ? { tags: toMap(p.Tags) } : undefined;
    }
    case 'saml-provider': {
      const p = (await ops.get<SamlProviderRecord>(scope, SAML_KIND, rest.toLowerCase()))?.value;
      return p ? { tags: toMap(p.Tags) } : undefined;
    }
  }
  return undefined;
}
