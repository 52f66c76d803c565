/**
 * The request context as conditions and variables see it: case-insensitive keys, each a list
 * of string values, plus the global keys derivable from the principal and the resource.
 */
import { parsePrincipalArn, roleArnOf, type ParsedPrincipal } from './arn-parts.js';
import type { AuthzRequest, ContextLayer, ContextValue, PrincipalInfo } from './types.js';

export class RequestContext {
  readonly principal: ParsedPrincipal;
  readonly principalInfo: PrincipalInfo;
  readonly action: string;
  readonly actionLower: string;
  /** The lower-cased service prefix of the action (`s3` for `s3:GetObject`). */
  readonly service: string;
  readonly resource: string;
  readonly resourceAccount: string;
  /** Lower-cased keys → values; built on the first lookup (most decisions never look one up). */
  private values: Map<string, string[]> | undefined;
  private readonly raw: AuthzRequest['context'];
  private tags: Map<string, string> | undefined;
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
    this.raw = req.context;
  }

  private build(): Map<string, string[]> {
    const values = new Map<string, string[]>();
    const raw = this.raw;
    const layers = Array.isArray(raw) ? (raw as ReadonlyArray<ContextLayer | undefined>) : [raw as ContextLayer | undefined];
    for (const layer of layers) {
      if (!layer) continue;
      for (const k in layer) {
        const v = layer[k];
        if (v === undefined) continue;
        values.set(k.toLowerCase(), toList(v));
      }
    }
    this.values = values;
    return values;
  }

  /** Values of a lower-cased key; undefined when absent or empty. */
  get(key: string): string[] | undefined {
    const values = this.values ?? this.build();
    const v = values.get(key);
    if (v !== undefined) return v.length === 0 ? undefined : v;
    if (!key.startsWith('aws:')) return undefined;
    const d = this.derived(key);
    if (d !== undefined) values.set(key, [d]);
    return d === undefined ? undefined : [d];
  }

  private principalTag(key: string): string | undefined {
    if (!this.tags) {
      this.tags = new Map();
      const tags = this.principalInfo.tags;
      if (tags) for (const k in tags) this.tags.set(k.toLowerCase(), tags[k] as string);
    }
    return this.tags.get(key);
  }

  private derived(key: string): string | undefined {
    const p = this.principal;
    switch (key) {
      case 'aws:principalarn': return p.type === 'Anonymous' ? undefined : (roleArnOf(p) ?? p.arn);
      case 'aws:principalaccount': return p.type === 'Anonymous' ? undefined : p.account || undefined;
      case 'aws:principaltype': return p.type === 'Service' ? undefined : p.type;
      case 'aws:username': return p.type === 'User' ? p.name : undefined;
      case 'aws:userid': return this.principalInfo.userId;
      case 'aws:resourceaccount': return this.resourceAccount || undefined;
      case 'aws:currenttime': return (this.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      case 'aws:epochtime': return String(Math.floor((this.now?.getTime() ?? Date.now()) / 1000));
    }
    if (key.startsWith('aws:principaltag/')) return this.principalTag(key.slice(17));
    return undefined;
  }
}

function toList(v: ContextValue): string[] {
  if (Array.isArray(v)) return v.map(String);
  return [String(v)];
}
