/**
 * What EventBridge keeps in the store, shared by the API (src/services/events) and delivery.
 * Scope = the resource's account and Region.
 *
 *   events:bus             <bus name>                  BusRecord (the default bus is stored only once described by a write: tags, update)
 *   events:rule            <bus name>\u0001<rule name>  RuleRecord with its targets (at most 5)
 *   events:connection      <name>                      ConnectionRecord (secret values sealed under the master key)
 *   events:api-destination <name>                      ApiDestinationRecord
 *   events:dead-letter     <queue ARN>\u0001<time>…     DeadLetter (dead-letters.ts)
 *   events:schedule        <bus name>\u0001<rule name>  ScheduleCursor (scheduled rules' next firing)
 *
 * Names never contain \u0001 (the model's name patterns), so `<bus>\u0001` prefixes are exact.
 */
import type { Scope } from '../../store/index.js';

export const KIND = {
  bus: 'events:bus',
  rule: 'events:rule',
  connection: 'events:connection',
  apiDestination: 'events:api-destination',
  deadLetter: 'events:dead-letter',
  schedule: 'events:schedule',
} as const;

export const DEFAULT_BUS = 'default';

export interface Tag {
  Key: string;
  Value: string;
}

export interface BusRecord {
  Name: string;
  Arn: string;
  Description?: string;
  KmsKeyIdentifier?: string;
  DeadLetterConfig?: { Arn?: string };
  LogConfig?: { IncludeDetail?: string; Level?: string };
  CreationTime: string;
  LastModifiedTime: string;
  Tags?: Tag[];
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** A target as PutTargets stored it (the API's shape). */
export interface TargetRecord {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  HttpParameters?: { PathParameterValues?: string[]; HeaderParameters?: Record<string, string>; QueryStringParameters?: Record<string, string> };
  DeadLetterConfig?: { Arn?: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  [other: string]: unknown;
}

export interface RuleRecord {
  Name: string;
  Arn: string;
  EventBusName: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State: RuleState;
  Description?: string;
  RoleArn?: string;
  /** The account that created it. */
  CreatedBy: string;
  CreationTime: string;
  Tags?: Tag[];
  Targets: TargetRecord[];
}

export type AuthorizationType = 'BASIC' | 'OAUTH_CLIENT_CREDENTIALS' | 'API_KEY';

export interface HttpParameter {
  Key?: string;
  Value?: string;
  IsValueSecret?: boolean;
}

export interface HttpParameters {
  HeaderParameters?: HttpParameter[];
  QueryStringParameters?: HttpParameter[];
  BodyParameters?: HttpParameter[];
}

/** A connection's auth parameters as DescribeConnection shows them (no secret values). */
export interface PublicAuthParameters {
  BasicAuthParameters?: { Username: string };
  ApiKeyAuthParameters?: { ApiKeyName: string };
  OAuthParameters?: { ClientParameters: { ClientID: string }; AuthorizationEndpoint: string; HttpMethod: string; OAuthHttpParameters?: HttpParameters };
  InvocationHttpParameters?: HttpParameters;
}

/** The secret values of a connection, sealed as one JSON document. */
export interface ConnectionSecrets {
  password?: string;
  apiKeyValue?: string;
  clientSecret?: string;
  /** Secret values of http parameters, by `<section>\u0001<index>` (section: invocation or oauth, then Header/QueryString/Body). */
  parameters?: Record<string, string>;
}

export interface ConnectionRecord {
  Name: string;
  ConnectionArn: string;
  Description?: string;
  AuthorizationType: AuthorizationType;
  AuthParameters: PublicAuthParameters;
  KmsKeyIdentifier?: string;
  ConnectionState: 'AUTHORIZED' | 'DEAUTHORIZED';
  /** ConnectionSecrets sealed under the master key (label: the connection ARN); absent once deauthorized. */
  SealedSecrets?: string;
  CreationTime: string;
  LastModifiedTime: string;
  LastAuthorizedTime: string;
}

export interface ApiDestinationRecord {
  Name: string;
  ApiDestinationArn: string;
  Description?: string;
  ConnectionArn: string;
  InvocationEndpoint: string;
  HttpMethod: string;
  InvocationRateLimitPerSecond: number;
  ApiDestinationState: 'ACTIVE' | 'INACTIVE';
  CreationTime: string;
  LastModifiedTime: string;
}

export const ruleId = (bus: string, name: string): string => `${bus}\u0001${name}`;
export const rulePrefix = (bus: string): string => `${bus}\u0001`;

export const busArn = (scope: Scope, bus: string): string => `arn:aws:events:${scope.region}:${scope.account}:event-bus/${bus}`;
export const ruleArn = (scope: Scope, bus: string, name: string): string =>
  `arn:aws:events:${scope.region}:${scope.account}:rule/${bus === DEFAULT_BUS ? '' : `${bus}/`}${name}`;

/** The default bus as it is before any write touched it. */
export function defaultBus(scope: Scope): BusRecord {
  return { Name: DEFAULT_BUS, Arn: busArn(scope, DEFAULT_BUS), CreationTime: '', LastModifiedTime: '' };
}

/** Whether the store can hold a name (no NUL, no lone surrogates): a name it cannot hold names nothing. */
export const storable = (name: string): boolean => !name.includes('\u0000') && !/\p{Cs}/u.test(name);

/** `arn:aws:events:<region>:<account>:<type>/<rest>` → its parts (undefined when the store cannot hold them). */
export function parseEventsArn(arn: string): { scope: Scope; type: string; rest: string } | undefined {
  const m = /^arn:aws[a-z-]*:events:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/s.exec(arn);
  return m && storable(m[4]!) ? { scope: { region: m[1]!, account: m[2]! }, type: m[3]!, rest: m[4]! } : undefined;
}
