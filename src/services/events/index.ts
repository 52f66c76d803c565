/**
 * Amazon EventBridge: event buses, rules with the event pattern language and schedules,
 * targets (API destinations with connections, other buses, Bulwark remediation actions),
 * PutEvents, TestEventPattern and tags. Matching and delivery run in src/events
 * (startEventBridge); these handlers keep the configuration and hand PutEvents' events over.
 * Scheduled rules fire from housekeeping (the clock-driven process).
 */
import { invalidateBusRules } from '../../events/rules/bus-rules.js';
import { routerOf } from '../../events/routers.js';
import { invalidatingWrites } from '../shared/invalidating-writes.js';
import type { OperationHandler, ServiceDefinition } from '../types.js';
import { createApiDestination, deleteApiDestination, describeApiDestination, listApiDestinations, updateApiDestination } from './api-destinations.js';
import { eventsAuthorization } from './authorization.js';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses, updateEventBus } from './buses.js';
import { createConnection, deauthorizeConnection, deleteConnection, describeConnection, listConnections, updateConnection } from './connections.js';
import { putEvents } from './put-events.js';
import { deleteRule, describeRule, disableRule, enableRule, listRules, putRule } from './rules.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { listRuleNamesByTarget, listTargetsByRule, putTargets, removeTargets } from './targets.js';
import { testEventPattern } from './test-event-pattern.js';

/** Operations that change no rule (the rule cache stays). */
const KEEPS_RULES: ReadonlySet<string> = new Set([
  'PutEvents', 'TestEventPattern', 'DescribeEventBus', 'ListEventBuses', 'DescribeRule', 'ListRules', 'ListTargetsByRule', 'ListRuleNamesByTarget', 'ListTagsForResource',
  'CreateConnection', 'DescribeConnection', 'UpdateConnection', 'DeleteConnection', 'DeauthorizeConnection', 'ListConnections',
  'CreateApiDestination', 'DescribeApiDestination', 'UpdateApiDestination', 'DeleteApiDestination', 'ListApiDestinations',
]);

const operations: Record<string, OperationHandler> = {
  CreateEventBus: createEventBus,
  DeleteEventBus: deleteEventBus,
  DescribeEventBus: describeEventBus,
  ListEventBuses: listEventBuses,
  UpdateEventBus: updateEventBus,
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  DeleteRule: deleteRule,
  EnableRule: enableRule,
  DisableRule: disableRule,
  PutTargets: putTargets,
  RemoveTargets: removeTargets,
  ListTargetsByRule: listTargetsByRule,
  ListRuleNamesByTarget: listRuleNamesByTarget,
  PutEvents: putEvents,
  TestEventPattern: testEventPattern,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  CreateConnection: createConnection,
  DescribeConnection: describeConnection,
  UpdateConnection: updateConnection,
  DeauthorizeConnection: deauthorizeConnection,
  DeleteConnection: deleteConnection,
  ListConnections: listConnections,
  CreateApiDestination: createApiDestination,
  DescribeApiDestination: describeApiDestination,
  UpdateApiDestination: updateApiDestination,
  DeleteApiDestination: deleteApiDestination,
  ListApiDestinations: listApiDestinations,
};

export const eventsService: ServiceDefinition = {
  name: 'events',
  operations: invalidatingWrites(operations, (operation) => KEEPS_RULES.has(operation), invalidateBusRules),
  authorization: eventsAuthorization,
  housekeeping: async (store, now) => routerOf(store)?.fireSchedules(now),
};
