/**
 * The IAM policy simulator: SimulateCustomPolicy, SimulatePrincipalPolicy,
 * GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy. Every decision comes
 * from the policy engine (src/iam/policy) over the same documents the authorizer evaluates
 * (identity-policies.ts, the organization's SCP levels); this file only assembles the inputs
 * and describes the decisions in the simulator's vocabulary.
 *
 * As in AWS, the simulator knows a context key only from ContextEntries: a key a policy
 * references but the request does not supply is absent (never derived from the caller) and is
 * reported in MissingContextValues.
 */
import { AwsError } from '../../core/aws-error.js';
import { actionMatches, compilePolicy, evaluate, PolicyValidationError, type AuthzRequest, type CompiledPolicy, type Decision, type PolicySet, type PrincipalInfo } from '../../iam/policy/index.js';
import { scpLevelsFor } from '../organizations/index.js';
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput, RequestContext } from '../types.js';
import { iamScope, invalidInput, noSuchEntity, pageOutput, paginate } from './common.js';
import { CHILD, findEntity, listChildren, type EntityRecord, type EntityType } from './entities.js';
import { managedPolicyDocument, rolePolicies, userPolicies, type PolicyDocument } from './identity-policies.js';
import { policyKeys, statementSpans, uniqueKeys, type StatementSpan } from './policy-text.js';

type SourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';
type Decided = 'allowed' | 'explicitDeny' | 'implicitDeny';

interface SimPolicy {
  /** The engine's policy id: unique within one simulation. */
  key: string;
  sourceId: string;
  sourceType: SourceType;
  compiled: CompiledPolicy;
  spans: StatementSpan[];
  keys: string[][];
}

interface Simulation {
  identity: SimPolicy[];
  boundary?: SimPolicy;
  resource?: SimPolicy;
  scpLevels?: CompiledPolicy[][];
  principal: PrincipalInfo;
}

const RESOURCE_HANDLING_OPTIONS = new Set([
  'EC2-Classic-InstanceStore',
  'EC2-Classic-EBS',
  'EC2-VPC-InstanceStore',
  'EC2-VPC-InstanceStore-Subnet',
  'EC2-VPC-EBS',
  'EC2-VPC-EBS-Subnet',
]);

const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

let counter = 0;

/** Compiles one policy for the simulation; a malformed one answers InvalidInput with the engine's message. */
function simPolicy(text: string, kind: 'identity' | 'boundary' | 'resource', sourceId: string, sourceType: SourceType): SimPolicy {
  const key = `sim:${++counter}:${sourceId}`;
  let compiled: CompiledPolicy;
  try {
    compiled = compilePolicy(text, kind, key);
  } catch (err) {
    if (err instanceof PolicyValidationError) throw invalidInput(`${sourceId}: ${err.message}`);
    throw err;
  }
  return { key, sourceId, sourceType, compiled, spans: statementSpans(text), keys: policyKeys(text) };
}

function inputList(input: OperationInput, member: string): string[] {
  return (input[member] as string[] | undefined) ?? [];
}

/** A stored policy document as the simulator names it (inline: policy name and entity type; managed: policy name). */
function storedPolicy(doc: PolicyDocument, kind: 'identity' | 'boundary'): SimPolicy {
  const hash = doc.id.indexOf('#');
  if (hash !== -1) {
    const entityArn = doc.id.slice(0, hash);
    const type: SourceType = /:group\//.test(entityArn) ? 'group' : /:role\//.test(entityArn) ? 'role' : 'user';
    return simPolicy(doc.document, kind, doc.id.slice(hash + 1), type);
  }
  const name = doc.id.slice(doc.id.lastIndexOf('/') + 1);
  return simPolicy(doc.document, kind, name, doc.id.startsWith('arn:aws:iam::aws:policy/') ? 'aws-managed' : 'user-managed');
}

const USER_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/;

function callerPrincipal(input: OperationInput): PrincipalInfo | undefined {
  const arn = input.CallerArn as string | undefined;
  if (arn === undefined) return undefined;
  if (!USER_ARN.test(arn)) throw invalidInput(`Invalid CallerArn ${arn}: the simulated caller must be an IAM user.`);
  return { arn, type: 'User' };
}

/** A caller that is no real principal: no derived context key, never the account root. */
function anonymousCaller(account: string, arn: string): PrincipalInfo {
  return { arn, account, type: 'Service' };
}

function resourceOwner(input: OperationInput): string | undefined {
  const owner = input.ResourceOwner as string | undefined;
  if (owner === undefined) return undefined;
  if (/^\d{12}$/.test(owner)) return owner;
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(owner);
  if (!m) throw invalidInput(`Invalid ResourceOwner ${owner}: specify an account ARN (arn:aws:iam::123456789012:root).`);
  return m[1];
}

interface ContextEntry {
  ContextKeyName: string;
  ContextKeyValues?: string[];
  ContextKeyType?: string;
}

/** ContextEntries as the engine's context, validated by type; keys lower-cased. */
function contextFrom(input: OperationInput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of (input.ContextEntries as ContextEntry[] | undefined) ?? []) {
    const type = (e.ContextKeyType ?? 'string').replace(/List$/, '');
    const values = (e.ContextKeyValues ?? []).map((v) => {
      if (type === 'boolean') {
        const b = v.toLowerCase();
        if (b !== 'true' && b !== 'false') throw invalidInput(`Invalid value ${v} for context key ${e.ContextKeyName} of type ${e.ContextKeyType}.`);
        return b;
      }
      if (type === 'numeric' && (v.trim() === '' || Number.isNaN(Number(v)))) {
        throw invalidInput(`Invalid value ${v} for context key ${e.ContextKeyName} of type ${e.ContextKeyType}.`);
      }
      if (type === 'date' && Number.isNaN(Date.parse(v)) && !/^\d+$/.test(v)) {
        throw invalidInput(`Invalid value ${v} for context key ${e.ContextKeyName} of type ${e.ContextKeyType}.`);
      }
      return v;
    });
    const key = e.ContextKeyName.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), ...values]);
  }
  return out;
}

function allPolicies(sim: Simulation): SimPolicy[] {
  return [...sim.identity, ...(sim.boundary ? [sim.boundary] : []), ...(sim.resource ? [sim.resource] : [])];
}

const DECIDED: Record<Decision['decision'], Decided> = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' };

/** The keys referenced by statements that can apply to the action, not supplied in the context. */
function missingKeys(sim: Simulation, action: string, supplied: Map<string, string[]>): string[] {
  const lower = action.toLowerCase();
  const keys: string[] = [];
  for (const p of allPolicies(sim)) {
    p.compiled.statements.forEach((st, i) => {
      const applies = st.action ? actionMatches(st.action, lower) : st.notAction ? !actionMatches(st.notAction, lower) : false;
      if (applies) for (const k of p.keys[i] ?? []) if (!supplied.has(k.toLowerCase())) keys.push(k);
    });
  }
  return uniqueKeys(keys);
}

interface OneResult {
  decision: Decided;
  matched: Record<string, unknown>[];
  missing: string[];
  details?: Record<string, Decided>;
  boundary?: { AllowedByPermissionsBoundary: boolean };
  organizations?: { AllowedByOrganizations: boolean };
}

function evaluateOne(sim: Simulation, action: string, resource: string, owner: string | undefined, context: Map<string, string[]>, explicitResource: boolean): OneResult {
  const byKey = new Map(allPolicies(sim).map((p) => [p.key, p]));
  // Every referenced key not supplied is absent (an empty list stops the engine deriving it).
  const ctx: Record<string, string[]> = {};
  for (const p of allPolicies(sim)) for (const list of p.keys) for (const k of list) ctx[k.toLowerCase()] = [];
  for (const [k, v] of context) ctx[k] = v;
  const request: AuthzRequest = { principal: sim.principal, action, resource, context: ctx };
  if (owner) request.resourceAccount = owner;
  const set: PolicySet = { identity: sim.identity.map((p) => p.compiled) };
  if (sim.boundary) set.permissionsBoundary = sim.boundary.compiled;
  if (sim.resource) set.resource = sim.resource.compiled;
  if (sim.scpLevels) set.scpLevels = sim.scpLevels;
  let d: Decision;
  try {
    d = evaluate(request, set);
  } catch (err) {
    throw new AwsError('PolicyEvaluation', `Policy evaluation failed: ${(err as Error).message}`, { status: 500 });
  }
  const decision = DECIDED[d.decision];
  const wanted = decision === 'explicitDeny' ? 'Deny' : decision === 'allowed' ? 'Allow' : undefined;
  const matched: Record<string, unknown>[] = [];
  for (const m of d.matched) {
    if (m.effect !== wanted || m.policyKind === 'scp' || m.policyKind === 'rcp') continue;
    if (wanted === 'Allow' && m.policyKind === 'boundary') continue;
    const p = m.policyId ? byKey.get(m.policyId) : undefined;
    if (!p) continue;
    const span = p.spans[m.statementIndex];
    const st: Record<string, unknown> = { SourcePolicyId: p.sourceId, SourcePolicyType: p.sourceType };
    if (span) {
      st.StartPosition = span.start;
      st.EndPosition = span.end;
    }
    matched.push(st);
  }
  const out: OneResult = { decision, matched, missing: missingKeys(sim, action, context) };
  if (sim.boundary) {
    const inBoundary = d.matched.filter((m) => m.policyKind === 'boundary');
    out.boundary = { AllowedByPermissionsBoundary: inBoundary.some((m) => m.effect === 'Allow') && !inBoundary.some((m) => m.effect === 'Deny') };
  }
  if (sim.scpLevels) {
    const org = evaluate(request, { identity: [compilePolicy(ALLOW_ALL, 'identity')], scpLevels: sim.scpLevels });
    out.organizations = { AllowedByOrganizations: org.decision === 'Allow' };
  }
  const principalAccount = sim.principal.account ?? /^arn:[^:]*:[^:]*::(\d{12}):/.exec(sim.principal.arn)?.[1];
  if (owner && principalAccount && owner !== principalAccount) {
    // Cross-account: each side's own verdict.
    const identitySide = evaluate(request, { ...set, resource: undefined, sameAccount: true });
    const inResource = d.matched.filter((m) => m.policyKind === 'resource');
    const resourceSide: Decided = inResource.some((m) => m.effect === 'Deny') ? 'explicitDeny' : inResource.length > 0 ? 'allowed' : 'implicitDeny';
    out.details = { 'IAM Policy': DECIDED[identitySide.decision], 'Resource Policy': resourceSide };
  } else if (explicitResource) {
    out.details = {};
  }
  return out;
}

async function simulate(ctx: RequestContext, input: OperationInput, sim: Simulation): Promise<Record<string, unknown>> {
  const option = input.ResourceHandlingOption as string | undefined;
  if (option !== undefined && !RESOURCE_HANDLING_OPTIONS.has(option)) throw invalidInput(`Invalid ResourceHandlingOption ${option}.`);
  const actions = inputList(input, 'ActionNames');
  const given = inputList(input, 'ResourceArns');
  const explicit = given.length > 0;
  const resources = explicit ? given : ['*'];
  const owner = resourceOwner(input) ?? (sim.resource ? ctx.account : undefined);
  const context = contextFrom(input);
  const results: Record<string, unknown>[] = [];
  for (const action of actions) {
    if (!/^[^:]+:.+$/.test(action)) throw invalidInput(`Actions must be of the form service:action, ${action} is not.`);
    for (const resource of resources) {
      const r = evaluateOne(sim, action, resource, owner, context, explicit && resource !== '*');
      const result: Record<string, unknown> = {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: r.decision,
        MatchedStatements: r.matched,
        MissingContextValues: explicit ? [] : r.missing,
      };
      if (r.organizations) result.OrganizationsDecisionDetail = r.organizations;
      if (r.boundary) result.PermissionsBoundaryDecisionDetail = r.boundary;
      if (r.details) result.EvalDecisionDetails = r.details;
      if (explicit) {
        // With a list of resources, AWS reports the per-resource detail (missing keys included) here.
        const specific: Record<string, unknown> = {
          EvalResourceName: resource,
          EvalResourceDecision: r.decision,
          MatchedStatements: r.matched,
          MissingContextValues: r.missing,
        };
        if (r.details) specific.EvalDecisionDetails = r.details;
        if (r.boundary) specific.PermissionsBoundaryDecisionDetail = r.boundary;
        result.ResourceSpecificResults = [specific];
      }
      results.push(result);
    }
  }
  const indexed = results.map((r, i) => ({ r, key: String(i).padStart(8, '0') }));
  return pageOutput('EvaluationResults', paginate(indexed, (x) => x.key, input), (x) => x.r);
}

function customPolicies(input: OperationInput, sim: Pick<Simulation, 'identity' | 'boundary' | 'resource'>): void {
  inputList(input, 'PolicyInputList').forEach((text, i) => sim.identity.push(simPolicy(text, 'identity', `PolicyInputList.${i + 1}`, 'none')));
  const boundaries = inputList(input, 'PermissionsBoundaryPolicyInputList');
  if (boundaries.length > 1) throw invalidInput('Only one permissions boundary policy can be simulated.');
  if (boundaries[0] !== undefined) sim.boundary = simPolicy(boundaries[0], 'boundary', 'PermissionsBoundaryPolicyInputList.1', 'none');
  if (typeof input.ResourcePolicy === 'string') sim.resource = simPolicy(input.ResourcePolicy, 'resource', 'ResourcePolicy', 'resource');
}

export const simulateCustomPolicy: OperationHandler = async (ctx, input) => {
  const sim: Simulation = { identity: [], principal: anonymousCaller(ctx.account, `arn:aws:iam::${ctx.account}:simulated-caller`) };
  customPolicies(input, sim);
  const caller = callerPrincipal(input);
  if (sim.resource && !caller) throw invalidInput('CallerArn must be specified when a ResourcePolicy is simulated.');
  if (caller) sim.principal = caller;
  return simulate(ctx, input, sim);
};

// --- principals -----------------------------------------------------------------------

const SOURCE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(user|group|role)(\/(?:.*\/)?)([^/]+)$/;

interface PrincipalSource {
  type: EntityType;
  entity: EntityRecord;
  identity: PolicyDocument[];
  boundary?: PolicyDocument;
}

async function groupPolicies(ops: StoreOps, ctx: RequestContext, group: EntityRecord): Promise<PolicyDocument[]> {
  const scope = iamScope(ctx);
  const out: PolicyDocument[] = [];
  for (const p of await listChildren<{ PolicyName: string; PolicyDocument: string }>(ops, scope, CHILD.inline, group.Id)) {
    out.push({ id: `${group.Arn}#${p.value.PolicyName}`, document: p.value.PolicyDocument });
  }
  for (const a of await listChildren<{ PolicyArn: string }>(ops, scope, CHILD.attached, group.Id)) {
    const doc = await managedPolicyDocument(ops, ctx.account, a.value.PolicyArn);
    if (doc) out.push(doc);
  }
  return out;
}

/** The user, group or role PolicySourceArn names, with its stored policies (NoSuchEntity when unknown). */
async function principalSource(ctx: RequestContext, input: OperationInput): Promise<PrincipalSource> {
  const arn = input.PolicySourceArn as string;
  const m = SOURCE_ARN.exec(arn);
  if (!m) throw invalidInput(`Invalid PolicySourceArn ${arn}: specify the ARN of an IAM user, group or role.`);
  const type = m[2] as EntityType;
  const entity = m[1] === ctx.account ? await findEntity(ctx.store, iamScope(ctx), type, m[4] as string) : undefined;
  if (!entity || entity.Arn !== arn) throw noSuchEntity(`The ${type} with name ${m[4]} cannot be found.`);
  if (type === 'user') {
    const p = await userPolicies(ctx.store, ctx.account, entity.Id);
    return { type, entity, identity: p?.identity ?? [], boundary: p?.boundary };
  }
  if (type === 'role') {
    const p = await rolePolicies(ctx.store, ctx.account, entity.Name);
    return { type, entity, identity: p?.identity ?? [], boundary: p?.boundary };
  }
  return { type, entity, identity: await groupPolicies(ctx.store, ctx, entity) };
}

async function organizationScps(ctx: RequestContext): Promise<CompiledPolicy[][] | undefined> {
  const levels = await scpLevelsFor(ctx.store, ctx.account);
  if (!levels || levels.managementAccount || levels.scpLevels.length === 0) return undefined;
  return levels.scpLevels.map((level) => level.map((text) => compilePolicy(text, 'scp')));
}

export const simulatePrincipalPolicy: OperationHandler = async (ctx, input) => {
  const source = await principalSource(ctx, input);
  const sim: Simulation = {
    identity: source.identity.map((d) => storedPolicy(d, 'identity')),
    principal: source.type === 'user' ? { arn: source.entity.Arn, type: 'User', userId: source.entity.Id } : anonymousCaller(ctx.account, source.entity.Arn),
  };
  customPolicies(input, sim);
  // A boundary passed in the request replaces the entity's own.
  if (!sim.boundary && source.boundary) sim.boundary = storedPolicy(source.boundary, 'boundary');
  const caller = callerPrincipal(input);
  if (sim.resource && !caller && source.type !== 'user') {
    throw invalidInput('CallerArn must be specified when a ResourcePolicy is simulated and PolicySourceArn is not an IAM user.');
  }
  if (caller) sim.principal = caller;
  const scps = await organizationScps(ctx);
  if (scps) sim.scpLevels = scps;
  return simulate(ctx, input, sim);
};

// --- context keys ---------------------------------------------------------------------

function keysOf(texts: string[]): string[] {
  return uniqueKeys(texts.flatMap((t) => policyKeys(t).flat()));
}

function checkPolicies(texts: string[]): void {
  texts.forEach((text, i) => simPolicy(text, 'identity', `PolicyInputList.${i + 1}`, 'none'));
}

export const getContextKeysForCustomPolicy: OperationHandler = async (_ctx, input) => {
  const texts = inputList(input, 'PolicyInputList');
  checkPolicies(texts);
  return { ContextKeyNames: keysOf(texts) };
};

export const getContextKeysForPrincipalPolicy: OperationHandler = async (ctx, input) => {
  const source = await principalSource(ctx, input);
  const extra = inputList(input, 'PolicyInputList');
  checkPolicies(extra);
  const texts = [...source.identity.map((d) => d.document), ...(source.boundary ? [source.boundary.document] : []), ...extra];
  return { ContextKeyNames: keysOf(texts) };
};
