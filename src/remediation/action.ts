/**
 * What a remediation action is: an entry of the catalog (catalog.ts) with its name, what it
 * does, the events it takes, the kind of resource it acts on (found in the event by
 * subjects/), the IAM actions it calls, and `run`, which acts on one resource through
 * Bulwark's own API with the SDK clients the context gives (signed as the role session).
 */
/** The events remediation actions read (EventBridge's detail-types). */
export type EventKind = 'guardduty-finding' | 'securityhub-findings' | 'cloudtrail-call';

/** A resource (or finding) an event names, that an action may act on. */
export type Subject =
  | { kind: 'bucket'; bucket: string; region: string }
  | { kind: 'access-key'; accessKeyId: string }
  | { kind: 'principal'; type: 'user' | 'role'; name: string }
  /** `trail` undefined: the event says logging stopped without naming the trail (every stopped trail of the Region). */
  | { kind: 'trail'; trail: string | undefined; region: string }
  | { kind: 'kms-key'; keyId: string; region: string }
  | { kind: 'secret'; secretId: string; region: string }
  /** A Security Hub finding; `closed` when its workflow is already RESOLVED or SUPPRESSED. */
  | { kind: 'finding'; id: string; productArn: string; region: string; closed: boolean };

export type SubjectKind = Subject['kind'];
export type SubjectOf<K extends SubjectKind> = Extract<Subject, { kind: K }>;

/** What every SDK v3 client of a run is built with. */
export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  maxAttempts: number;
  customUserAgent: string;
}

export interface ActionContext {
  /** The account the action runs in (the target's; the role's). */
  account: string;
  /** The name of the role the action acts as (an action never turns on it). */
  roleName: string;
  /** Builds an SDK client for `region` signed as the role session; closed when the run ends. */
  client<C extends { destroy(): void }>(make: (config: ClientConfig) => C, region: string): C;
}

/** What one run did: `changed` false when the resource was already as the action leaves it. */
export interface Outcome {
  changed: boolean;
  note: string;
}

export interface RemediationAction<K extends SubjectKind = SubjectKind> {
  /** The NAME of `arn:aws:bulwark:REGION:ACCOUNT:remediation/NAME`. */
  name: string;
  /** What it does, one sentence (docs/REMEDIATION.md says more). */
  description: string;
  accepts: readonly EventKind[];
  subject: K;
  /** Every IAM action `run` calls: the maintained role's policy grants exactly these. */
  iamActions: readonly string[];
  /** Acts on one resource; reads first and writes only when something changes. */
  run(subject: SubjectOf<K>, ctx: ActionContext): Promise<Outcome>;
}

export const unchanged = (note: string): Outcome => ({ changed: false, note });
export const changed = (note: string): Outcome => ({ changed: true, note });
