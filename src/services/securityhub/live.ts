/**
 * GuardDuty → Security Hub: every new or updated GuardDuty finding published on Bulwark's
 * findings bus is imported, as ASFF (src/guardduty/asff.ts, product `aws/guardduty`), into the
 * hub of its account and Region — when Security Hub is enabled there and the GuardDuty
 * integration is (it is by default) — and sent to EventBridge as "Security Hub Findings -
 * Imported". Findings GuardDuty archived (suppression rules) are not sent, as with AWS.
 *
 * The bus subscriber only queues (never throws, never blocks the publisher); one drain loop
 * imports the queue in order, one batch per account and Region. `flush()` waits for the queue
 * to drain; past 10,000 queued findings new ones are dropped and counted in a warning.
 * `customAction` invokes a custom action on findings (custom-action.ts) for the ops endpoint.
 */
import type { EventBus } from '../../core/event-bus.js';
import type { ServiceEventBus } from '../../core/service-events.js';
import { asffFromFinding } from '../../guardduty/asff.js';
import type { Finding } from '../../guardduty/finding.js';
import { asffProblem } from '../../securityhub/asff-validation.js';
import type { Asff } from '../../securityhub/finding-index.js';
import type { Logger } from '../../server/logger.js';
import type { Scope, Store } from '../../store/index.js';
import { scopeOf } from './common.js';
import { invokeCustomAction, type CustomActionRequest, type CustomActionResult } from './custom-action.js';
import { importedEvent } from './events.js';
import { hubOf } from './hubs.js';
import { importFindings } from './import-batch.js';
import { importsProduct } from './product-operations.js';
import { awsProduct } from './products.js';

export interface SecurityHubImportsOptions {
  store: Store;
  logger: Logger;
  guardDutyFindings: EventBus<Finding>;
  serviceEvents: ServiceEventBus;
}

export interface SecurityHubImports {
  /** Resolves once every queued finding is imported. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Invokes a custom action on findings (the ops endpoint's `securityHubCustomAction`). */
  customAction(request: CustomActionRequest): Promise<CustomActionResult>;
}

const MAX_QUEUED = 10_000;
const GUARDDUTY = 'aws/guardduty';

/** The queued findings grouped by account and Region, in order. */
function byScope(findings: readonly Finding[]): Array<{ scope: Scope; findings: Finding[] }> {
  const groups = new Map<string, { scope: Scope; findings: Finding[] }>();
  for (const finding of findings) {
    const id = `${finding.AccountId}\u0000${finding.Region}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { scope: scopeOf(finding.AccountId, finding.Region), findings: [] }));
    group.findings.push(finding);
  }
  return [...groups.values()];
}

export function startSecurityHubImports(options: SecurityHubImportsOptions): SecurityHubImports {
  const { store, logger, serviceEvents } = options;
  const product = awsProduct(GUARDDUTY)!;
  const queue: Finding[] = [];
  let draining: Promise<void> | undefined;
  let dropped = 0;
  let closed = false;

  const importGroup = async (scope: Scope, findings: Finding[]): Promise<void> => {
    if (!(await hubOf(store, scope)) || !(await importsProduct(store, scope, GUARDDUTY))) return;
    const asff: Asff[] = [];
    for (const finding of findings) {
      const converted = asffFromFinding(finding);
      const problem = asffProblem(converted);
      if (problem) logger.warn('securityhub: a GuardDuty finding could not be imported', { id: finding.Id, problem });
      else asff.push(converted);
    }
    const imported = await importFindings(store, scope, asff, { identity: String(asff[0]?.ProductArn ?? GUARDDUTY), product: { name: product.name, company: product.company } });
    for (const finding of imported) serviceEvents.publish(importedEvent(scope, finding));
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0, queue.length);
      for (const { scope, findings } of byScope(batch)) {
        try {
          await importGroup(scope, findings);
        } catch (err) {
          logger.error('securityhub: GuardDuty findings could not be imported', { err, account: scope.account, region: scope.region });
        }
      }
    }
    if (dropped > 0) {
      logger.warn('securityhub: GuardDuty findings dropped while the import queue was full', { dropped });
      dropped = 0;
    }
  };

  const unsubscribe = options.guardDutyFindings.subscribe((finding) => {
    if (closed || finding.Service?.Archived === true) return;
    if (queue.length >= MAX_QUEUED) {
      dropped++;
      return;
    }
    queue.push(finding);
    draining ??= drain().finally(() => {
      draining = undefined;
    });
  });

  const flush = async (): Promise<void> => {
    while (draining) await draining;
  };
  return {
    flush,
    customAction: (request) => invokeCustomAction(store, serviceEvents, request),
    close: async () => {
      closed = true;
      unsubscribe();
      await flush();
    },
  };
}
