/**
 * The request context as conditions and variables see it: case-insensitive keys, each a list
 * of string values, plus the global keys derivable from the principal and the resource.
 */
import { parsePrincipalArn, roleArnOf, type ParsedPrincipal } from './arn-parts.js';
import type { AuthzRequest, ContextValue, PrincipalInfo } from './types.js';

export class RequestContext {
  readonly principal: ParsedPrincipal;
  readonly principalInfo: PrincipalInfo;
  readonly action: string;
  readonly actionLower: string;
  /** The lower-cased service prefix of the action (`s3` for `s3:GetObject`). */
  readonly service: string;
  readonly resource: string;
  readonly resourceAccount: string;
  private readonly values = new Map<string, string[]>();
  private readonly tags = new Map<string, string>();
  private readonly now: Date | undefined;

  constructor(req: AuthzRequest) {
    this.principalInfo = typeof req.principal === 'string' ? { arn: req.principal } : req.principal;
    let parsed = parsePrincipalArn(this.principalInfo.arn);
    const { account, type } = this.principalInfo;
    if ((account && account !== parsed.account) || (type && type !== parsed.type)) {
      parsed = { ...parsed, account: account || parsed.account, type: type ?? parsed.type };
    }
    this.principal = parsed;
    this.action = req.action;
    this.actionLower = req.action.toLowerCase();
    const colon = this.actionLower.indexOf(':');
    this.service = colon === -1 ? this.actionLower : this.actionLower.slice(0, colon);
    this.resource = req.resource;
    this.resourceAccount = req.resourceAccount ?? parsed.account;
    this.now = req.now;
    const ctx = req.context;
    if (ctx) {
      for (const k in ctx) {
        const v = ctx[k];
        if (v === undefined) continue;
        this.values.set(k.toLowerCase(), toList(v));
      }
    }
    const tags = this.principalInfo.tags;
    if (tags) for (const k in tags) this.tags.set(k.toLowerCase(), tags[k]);
  }

  /** Values of a lower-cased key; undefined when absent or empty. */
  get(key: string): string[] | undefined {
    const v = this.values.get(key);
    if (v !== undefined) return v.length === 0 ? undefined : v;
    if (!key.startsWith('aws:')) return undefined;
    const d = this.derived(key);
    if (d !== undefined) this.values.set(key, [d]);
    return d === undefined ? undefined : [d];
  }

  private derived(key: string): string | undefined {
    const p = this.principal;
    switch (key) {
      case 'aws:principalarn': return p.type === 'Anonymous' ? undefined : (roleArnOf(p) ?? p.arn);
      case 'aws:principalaccount': return p.account || undefined;
      case 'aws:principaltype': return p.type === 'Service' ? undefined : p.type;
      case 'aws:username': return p.type === 'User' ? p.name : undefined;
      case 'aws:userid': return this.principalInfo.userId;
      case 'aws:resourceaccount': return this.resourceAccount || undefined;
      case 'aws:currenttime': return (this.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      case 'aws:epochtime': return String(Math.floor((this.now?.getTime() ?? Date.now()) / 1000));
    }
    if (key.startsWith('aws:principaltag/')) return this.tags.get(key.slice(17));
    return undefined;
  }
}

function toList(v: ContextValue): string[] {
  if (Array.isArray(v)) return v.map(String);
  return [String(v)];
}
