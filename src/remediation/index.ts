/**
 * Bulwark's remediation actions as EventBridge targets
 * (`arn:aws:bulwark:REGION:ACCOUNT:remediation/NAME`): the action NAME of the catalog reads
 * what the matched event names (subjects/), takes a session of the role it acts as (role.ts,
 * session.ts) and acts on each resource through Bulwark's own HTTP endpoint with the SDK v3,
 * so each call is authenticated, authorized by the IAM engine and recorded in CloudTrail like
 * any other. docs/REMEDIATION.md describes every action.
 */
import type { MasterKey } from '../crypto/master-key.js';
import { DeliveryError } from '../events/delivery/delivery-error.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { RemediationTarget, RemediationTargets } from '../events/targets/remediation.js';
import type { Logger } from '../server/logger.js';
import type { Store } from '../store/index.js';
import type { RemediationAction, Subject } from './action.js';
import { CATALOG } from './catalog.js';
import { contextOf } from './context.js';
import { deliveryFailure, isAuthenticationFailure } from './failures.js';
import { givenRole, maintainedRole } from './role.js';
import { RoleSessions } from './session.js';
import { DETAIL_TYPES, describeSubject, eventKind, subjectsOf } from './subjects/index.js';

export { CATALOG } from './catalog.js';
export { ROLE_NAME, ROLE_PATH, POLICY_NAME } from './role.js';
export { QUARANTINE_POLICY_NAME } from './actions/iam.js';

export interface RemediationOptions {
  store: Store;
  masterKey: MasterKey;
  logger: Logger;
  /** Bulwark's own endpoint (known once it listens); a wildcard host is reached on loopback. */
  endpoint: () => string;
}

export function createRemediation(options: RemediationOptions): RemediationTargets {
  const sessions = new RoleSessions(options.store, options.masterKey);

  const roleFor = (target: RemediationTarget) => (target.roleArn ? givenRole(options.store, target.account, target.roleArn, target.ruleArn) : maintainedRole(options.store, target.account, CATALOG.values()));

  /** Runs the action on one subject; a kept session that no longer authenticates is replaced once. */
  const runOn = async (action: RemediationAction, subject: Subject, target: RemediationTarget, event: EventEnvelope): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      const session = await sessions.session(target.account, await roleFor(target), action.name);
      const ctx = contextOf(session, target.account, action.name, options.endpoint);
      try {
        const outcome = await action.run(subject, ctx);
        options.logger.info('remediation', { action: action.name, event: event.id, account: target.account, role: session.roleName, changed: outcome.changed, result: outcome.note });
        return;
      } catch (err) {
        if (attempt === 0 && session.reused && isAuthenticationFailure(err)) {
          sessions.forget(session);
          continue;
        }
        throw deliveryFailure(err, `remediation/${action.name} on ${describeSubject(subject)}`);
      } finally {
        ctx.close();
      }
    }
  };

  return {
    async run(name: string, event: EventEnvelope, target: RemediationTarget): Promise<void> {
      const action = CATALOG.get(name);
      if (!action) throw new DeliveryError('RESOURCE_NOT_FOUND', `There is no remediation action ${name}; the catalog has ${[...CATALOG.keys()].join(', ')}.`, false);
      const kind = eventKind(event);
      if (!kind || !action.accepts.includes(kind)) {
        const accepted = action.accepts.flatMap((k) => DETAIL_TYPES[k]).join('", "');
        throw new DeliveryError('INVALID_PARAMETER', `remediation/${name} takes "${accepted}" events, not "${event['detail-type']}" from ${event.source}.`, false);
      }
      const subjects = subjectsOf(event, kind).filter((s) => s.kind === action.subject);
      if (subjects.length === 0) throw new DeliveryError('INVALID_PARAMETER', `remediation/${name} found no ${action.subject} to act on in the "${event['detail-type']}" event ${event.id}.`, false);
      const failures: DeliveryError[] = [];
      for (const subject of subjects) {
        await runOn(action, subject, target, event).catch((err: unknown) => failures.push(err instanceof DeliveryError ? err : deliveryFailure(err, `remediation/${name}`)));
      }
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new DeliveryError(failures[0]!.code, failures.map((f) => f.message).join('; '), failures.some((f) => f.retryable));
    },
  };
}
