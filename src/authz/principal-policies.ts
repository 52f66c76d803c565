/**
 * The policies that apply to a principal, assembled from the IAM store and compiled once:
 *
 *   Root          everything in its own account, unless SCPs of an organization cap it
 *   (everyone)    in a member account of an organization: the SCP levels (an Allow needed at
 *                 every level, root to account) and the RCP levels for the account's resources
 *   IAMUser       inline + attached policies of the user and of its groups; its boundary
 *   AssumedRole   the role's inline + attached policies and boundary, plus the session's
 *                 policies and tags from a SessionResolver (STS plugs in there)
 *   FederatedUser the parent user's policies (everything for a root parent), capped by the
 *                 session policies
 *   others        nothing stored yet: no identity policy, so every action is implicitly denied
 *
 * Caching: each assembled set is cached per principal and stamped with a generation number.
 * Every IAM or Organizations write operation bumps the generation (before it runs and again once it answered),
 * which invalidates every cached set at once. A generation counter is chosen over versioned
 * keys because one IAM write can change the policies of many principals (a managed policy's
 * new default version, a group's inline policy), and finding exactly those would cost more
 * than rebuilding the few active principals' sets; IAM writes are rare next to reads. The
 * counter lives in this process, so several nodes sharing PostgreSQL see another node's
 * change only when their entry expires (`ttlMs`, 5 s by default) — IAM itself is eventually
 * consistent in the same way.
 */
import { changedState } from '../core/peers.js';
import type { Principal } from '../accounts/principal.js';
import { compilePolicy, type CompiledPolicy, type PolicySet, type PrincipalInfo } from '../iam/policy/index.js';
import { entityPath, rolePolicies, userPolicies, type EntityPolicies, type PolicyDocument } from '../services/iam/identity-policies.js';
import { iamResourceFacts, type ResourceFacts } from '../services/iam/resource-facts.js';
import { scpLevelsFor } from '../services/organizations/index.js';
import type { StoreOps } from '../store/index.js';

export interface SessionInfo {
  /** Session policies (inline and managed documents passed at AssumeRole). */
  policies?: PolicyDocument[];
  /** Session tags; they override the role's tags of the same key. */
  tags?: Record<string, string>;
  mfaPresent?: boolean;
}

/** Where STS (another module) supplies what it stored about a temporary credential. */
export type SessionResolver = (store: StoreOps, principal: Principal) => Promise<SessionInfo | undefined>;

export interface PrincipalPolicies {
  /** Root of its own account: no evaluation. */
  unrestricted: boolean;
  info: PrincipalInfo;
  set: PolicySet;
  /** The caller's user name (IAM calls that omit UserName act on it). */
  userName?: string;
  mfaPresent?: boolean;
  /** Policies that failed to compile (never expected: IAM validates on write). */
  invalid: string[];
}

interface Entry<T> {
  generation: number;
  expires: number;
  value: Promise<T>;
  /** Set once `value` has resolved, so hits need no await. */
  done?: { value: T };
}

const MAX_ENTRIES = 10_000;

export class PolicyCache {
  private generation = 0;
  private readonly sets = new Map<string, Entry<PrincipalPolicies>>();
  private readonly paths = new Map<string, Entry<string | undefined>>();
  private readonly facts = new Map<string, Entry<ResourceFacts | undefined>>();

  constructor(private readonly options: { ttlMs?: number; sessions?: SessionResolver } = {}) {}

  /** Invalidates every cached set, path and resource's tags (called for every IAM write). */
  bump(): void {
    this.generation++;
    changedState();
  }

  get currentGeneration(): number {
    return this.generation;
  }

  /** The principal's policies: the value itself when cached, else a promise of it. */
  policiesFor(store: StoreOps, principal: Principal): PrincipalPolicies | Promise<PrincipalPolicies> {
    const key = `${principal.type}|${principal.arn}|${principal.userId}|${principal.accessKeyId ?? ''}`;
    return this.cached(this.sets, key, () => assemble(store, principal, this.options.sessions));
  }

  entityPath(store: StoreOps, account: string, type: 'user' | 'group' | 'role', name: string): string | undefined | Promise<string | undefined> {
    return this.cached(this.paths, `${account}|${type}|${name.toLowerCase()}`, () => entityPath(store, account, type, name));
  }

  /**
   * The tags (and boundary) of the stored IAM resource an ARN names, for `aws:ResourceTag/…`,
   * `iam:ResourceTag/…` and `iam:PermissionsBoundary`; invalidated with the policy sets.
   */
  resourceFacts(store: StoreOps, arn: string): ResourceFacts | undefined | Promise<ResourceFacts | undefined> {
    if (!arn.includes(':iam::')) return undefined;
    return this.cached(this.facts, arn, () => iamResourceFacts(store, arn));
  }

  private cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): T | Promise<T> {
    const now = Date.now();
    const hit = map.get(key);
    if (hit && hit.generation === this.generation && hit.expires > now) return hit.done ? hit.done.value : hit.value;
    if (map.size >= MAX_ENTRIES) map.clear();
    const value = load();
    const entry: Entry<T> = { generation: this.generation, expires: now + (this.options.ttlMs ?? 5000), value };
    map.set(key, entry);
    value.then(
      (v) => {
        entry.done = { value: v };
      },
      () => {
        if (map.get(key) === entry) map.delete(key);
      },
    );
    return value;
  }
}

async function assemble(store: StoreOps, principal: Principal, sessions?: SessionResolver): Promise<PrincipalPolicies> {
  const info: PrincipalInfo = { arn: principal.arn, account: principal.account, userId: principal.userId };
  const organization = await organizationLevels(store, principal.account);
  if (principal.type === 'Root') {
    if (!organization) return { unrestricted: true, info, set: {}, invalid: [] };
    return { unrestricted: false, info, set: { identity: [compilePolicy(ALLOW_ALL, 'identity', principal.account)], ...organization }, invalid: [] };
  }
  const invalid: string[] = [];
  let stored: EntityPolicies | undefined;
  let session: SessionInfo | undefined;
  let parentIsRoot = false;
  const sc = principal.sessionContext;
  if (principal.type === 'IAMUser') {
    stored = await userPolicies(store, principal.account, principal.userId);
  } else if (principal.type === 'AssumedRole') {
    const roleName = sc?.roleName ?? /:assumed-role\/([^/]+)\//.exec(principal.arn)?.[1];
    if (roleName) stored = await rolePolicies(store, principal.account, roleName);
  } else if (principal.type === 'FederatedUser' && sc?.parentUserId) {
    // GetFederationToken: the parent's policies, capped by the session policies.
    if (sc.parentUserArn?.endsWith(':root')) parentIsRoot = true;
    else stored = await userPolicies(store, principal.account, sc.parentUserId);
  }
  if (sessions) session = await sessions(store, principal);
  const compile = (doc: PolicyDocument, kind: 'identity' | 'boundary' | 'session'): CompiledPolicy | undefined => {
    try {
      return compilePolicy(doc.document, kind, doc.id);
    } catch {
      invalid.push(doc.id);
      return undefined;
    }
  };
  const identity = (stored?.identity ?? []).map((d) => compile(d, 'identity')).filter((p): p is CompiledPolicy => p !== undefined);
  if (parentIsRoot) identity.push(compilePolicy(ALLOW_ALL, 'identity', principal.account));
  const set: PolicySet = { identity, ...organization };
  if (stored?.boundary) {
    // A boundary that cannot be read allows nothing: it caps at nothing.
    set.permissionsBoundary = compile(stored.boundary, 'boundary') ?? compilePolicy(ALLOW_NOTHING, 'boundary');
  }
  if (session?.policies && session.policies.length > 0) {
    set.session = session.policies.map((d) => compile(d, 'session') ?? compilePolicy(ALLOW_NOTHING, 'session'));
  }
  const tags: Record<string, string> = {};
  for (const t of stored?.entity.Tags ?? []) tags[t.Key] = t.Value;
  Object.assign(tags, session?.tags);
  info.tags = tags;
  return {
    unrestricted: false,
    info,
    set,
    userName: principal.type === 'IAMUser' ? stored?.entity.Name ?? principal.arn.slice(principal.arn.lastIndexOf('/') + 1) : undefined,
    mfaPresent: session?.mfaPresent,
    invalid,
  };
}

/**
 * The SCP and RCP levels of the account's organization, compiled; undefined outside an
 * organization, for the management account (SCPs never apply to it), or with no policy type on.
 */
async function organizationLevels(store: StoreOps, account: string): Promise<Pick<PolicySet, 'scpLevels' | 'rcpLevels'> | undefined> {
  const levels = await scpLevelsFor(store, account);
  if (!levels || levels.managementAccount) return undefined;
  const compileLevels = (texts: string[][], kind: 'scp' | 'rcp') => texts.map((level) => level.map((text) => compilePolicy(text, kind)));
  const out: Pick<PolicySet, 'scpLevels' | 'rcpLevels'> = {};
  if (levels.scpLevels.length > 0) out.scpLevels = compileLevels(levels.scpLevels, 'scp');
  if (levels.rcpLevels.length > 0) out.rcpLevels = compileLevels(levels.rcpLevels, 'rcp');
  return out.scpLevels || out.rcpLevels ? out : undefined;
}

const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/** Allows nothing: stands in for a boundary or session policy that cannot be read. */
const ALLOW_NOTHING = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"none:None","Resource":"*"}]}';
