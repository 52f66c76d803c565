/**
 * What EventBridge tells the authorizer (src/authz/authorizer.ts):
 *
 *   targets   IAM's ARN templates name `${RuleName}`, `${EventBusName}`, `${ConnectionName}`,
 *             which the API spells `Name`, `Rule`, `EventBusName` (name or ARN): bus calls are
 *             authorized on the bus ARN, rule calls on the rule ARN (`rule/NAME` on the default
 *             bus, `rule/BUS/NAME` on a custom one), PutEvents on each entry's bus, connection
 *             and API destination calls on their stored ARN (`…/NAME` before they exist).
 *   resource  a stored bus or rule: its tags as aws:ResourceTag/….
 */
import type { ContextValue } from '../../iam/policy/index.js';
import { busArn, DEFAULT_BUS, KIND, parseEventsArn, ruleArn, type ApiDestinationRecord, type ConnectionRecord } from '../../events/store/records.js';
import type { AuthorizationTarget, OperationInput, RequestContext, ResourceAccess, ServiceAuthorization } from '../types.js';
import { findBus, findRule } from './lookup.js';
import { callerScope } from './scope.js';

const BUS_OPERATIONS = new Set(['CreateEventBus', 'DeleteEventBus', 'DescribeEventBus', 'UpdateEventBus']);
/** Rule operations and the member naming the rule. */
const RULE_OPERATIONS: Record<string, string> = {
  PutRule: 'Name',
  DescribeRule: 'Name',
  DeleteRule: 'Name',
  EnableRule: 'Name',
  DisableRule: 'Name',
  PutTargets: 'Rule',
  RemoveTargets: 'Rule',
  ListTargetsByRule: 'Rule',
};
const CONNECTION_OPERATIONS = new Set(['CreateConnection', 'DescribeConnection', 'UpdateConnection', 'DeleteConnection', 'DeauthorizeConnection']);
const DESTINATION_OPERATIONS = new Set(['CreateApiDestination', 'DescribeApiDestination', 'UpdateApiDestination', 'DeleteApiDestination']);

/** Names go into ARNs only when plain (the model's name characters). */
const plain = (value: unknown): value is string => typeof value === 'string' && /^[/.\-_A-Za-z0-9]{1,256}$/.test(value);

/** The bus an EventBusName member names, as an ARN-ready name (undefined: leave the generic requirement). */
function busOf(ctx: RequestContext, value: unknown): string | undefined {
  if (value === undefined) return DEFAULT_BUS;
  if (typeof value !== 'string') return undefined;
  if (!value.startsWith('arn:')) return plain(value) ? value : undefined;
  const arn = parseEventsArn(value);
  return arn?.type === 'event-bus' && arn.scope.account === ctx.account && arn.scope.region === ctx.region && plain(arn.rest) ? arn.rest : undefined;
}

async function resourcesOf(ctx: RequestContext, input: OperationInput): Promise<string[] | undefined> {
  const scope = callerScope(ctx);
  const op = ctx.operation;
  if (BUS_OPERATIONS.has(op)) {
    const bus = op === 'CreateEventBus' || op === 'DeleteEventBus' ? (plain(input.Name) ? input.Name : undefined) : busOf(ctx, input.Name);
    return bus === undefined ? undefined : [busArn(scope, bus)];
  }
  const ruleMember = RULE_OPERATIONS[op];
  if (ruleMember) {
    const bus = busOf(ctx, input.EventBusName);
    return bus !== undefined && plain(input[ruleMember]) ? [ruleArn(scope, bus, input[ruleMember])] : undefined;
  }
  if (op === 'PutEvents' && Array.isArray(input.Entries)) {
    const buses = new Set<string>();
    for (const entry of input.Entries as Array<{ EventBusName?: unknown }>) {
      const bus = busOf(ctx, entry?.EventBusName);
      if (bus === undefined) return undefined;
      buses.add(busArn(scope, bus));
    }
    return [...buses];
  }
  if (CONNECTION_OPERATIONS.has(op) && plain(input.Name)) {
    const stored = (await ctx.store.get<ConnectionRecord>(scope, KIND.connection, input.Name))?.value;
    return [stored?.ConnectionArn ?? `arn:aws:events:${scope.region}:${scope.account}:connection/${input.Name}`];
  }
  if (DESTINATION_OPERATIONS.has(op) && plain(input.Name)) {
    const stored = (await ctx.store.get<ApiDestinationRecord>(scope, KIND.apiDestination, input.Name))?.value;
    return [stored?.ApiDestinationArn ?? `arn:aws:events:${scope.region}:${scope.account}:api-destination/${input.Name}`];
  }
  return undefined;
}

async function targets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  const resources = await resourcesOf(ctx, input);
  if (!resources || generic.length === 0) return generic;
  const [first] = generic;
  return resources.map((resource) => ({ ...first!, resource }));
}

async function resource(ctx: RequestContext, arn: string): Promise<ResourceAccess | undefined> {
  const parsed = parseEventsArn(arn);
  if (!parsed) return undefined;
  let tagged: { Tags?: Array<{ Key: string; Value: string }> } | undefined;
  if (parsed.type === 'event-bus') tagged = await findBus(ctx.store, parsed.scope, parsed.rest);
  else if (parsed.type === 'rule') {
    const slash = parsed.rest.lastIndexOf('/');
    tagged = await findRule(ctx.store, parsed.scope, slash < 0 ? DEFAULT_BUS : parsed.rest.slice(0, slash), parsed.rest.slice(slash + 1));
  }
  if (!tagged) return undefined;
  const context: Record<string, ContextValue> = { 'aws:ResourceAccount': parsed.scope.account };
  for (const tag of tagged.Tags ?? []) context[`aws:ResourceTag/${tag.Key}`] = tag.Value;
  return { arn, context };
}

export const eventsAuthorization: ServiceAuthorization = { targets, resource };
