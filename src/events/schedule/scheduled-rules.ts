/**
 * Scheduled rules (rate() and cron() on the default bus): each time one is due, its targets
 * get a "Scheduled Event" from aws.events naming the rule in `resources`. The next due time of
 * each rule is kept in the store (events:schedule), so one firing is not repeated after a
 * restart; a rule's first firing is its schedule's first time after the rule was created, and
 * firings missed while Bulwark was down are not made up (one event, then the next due time).
 * Housekeeping calls this every minute in the one process that runs clock work.
 */
import { next, parseSchedule, type Schedule } from '../../core/aws-schedule.js';
import type { Scope, Store } from '../../store/index.js';
import { envelope, type EventEnvelope } from '../envelope.js';
import { DEFAULT_BUS, KIND, ruleId, rulePrefix, type RuleRecord } from '../store/records.js';

interface ScheduleCursor {
  next: string;
}

export async function fireDueSchedules(store: Store, now: Date, deliver: (scope: Scope, rule: RuleRecord, event: EventEnvelope) => void): Promise<void> {
  for (const scope of await store.scopes(KIND.rule)) {
    for (const { value: rule } of (await store.list<RuleRecord>(scope, KIND.rule, { prefix: rulePrefix(DEFAULT_BUS) })).items) {
      if (!rule.ScheduleExpression || rule.State === 'DISABLED') continue;
      await fireRule(store, scope, rule, now, deliver);
    }
  }
}

async function fireRule(store: Store, scope: Scope, rule: RuleRecord, now: Date, deliver: (scope: Scope, rule: RuleRecord, event: EventEnvelope) => void): Promise<void> {
  let schedule: Schedule;
  try {
    schedule = parseSchedule(rule.ScheduleExpression!);
  } catch {
    return;
  }
  const id = ruleId(rule.EventBusName, rule.Name);
  const cursor = (await store.get<ScheduleCursor>(scope, KIND.schedule, id))?.value;
  const due = cursor ? new Date(cursor.next) : next(schedule, new Date(rule.CreationTime));
  if (!due) return;
  if (due.getTime() > now.getTime()) {
    if (!cursor) await store.put<ScheduleCursor>(scope, KIND.schedule, id, { next: due.toISOString() });
    return;
  }
  deliver(scope, rule, envelope({ detailType: 'Scheduled Event', source: 'aws.events', account: scope.account, region: scope.region, time: due, resources: [rule.Arn], detail: {} }));
  const following = nextAfter(schedule, due, now);
  if (following) await store.put<ScheduleCursor>(scope, KIND.schedule, id, { next: following.toISOString() });
  else await store.delete(scope, KIND.schedule, id);
}

/** The first time after `now` on the schedule's cadence (a rate keeps counting from `due`). */
function nextAfter(schedule: Schedule, due: Date, now: Date): Date | undefined {
  if (schedule.kind === 'cron') return next(schedule, now);
  const periods = Math.floor((now.getTime() - due.getTime()) / schedule.everyMs) + 1;
  return new Date(due.getTime() + periods * schedule.everyMs);
}
