/**
 * Invoking a custom action on findings — what the Security Hub console's "Actions" menu does;
 * Bulwark has no console, so the ops endpoint POST /_bulwark/securityhub/custom-action does it
 * (src/server/ops-endpoints.ts): the action target (its ARN names the account and Region) and
 * the findings, by identifier, that the action's account sees; Security Hub sends them to
 * EventBridge as one "Security Hub Findings - Custom Action" event.
 */
import type { ServiceEventBus } from '../../core/service-events.js';
import type { Asff } from '../../securityhub/finding-index.js';
import type { Store } from '../../store/index.js';
import { findingKey, scopeOf } from './common.js';
import { customActionEvent } from './events.js';
import { findingIndex } from './finding-index-cache.js';
import { hubOf } from './hubs.js';
import { readActionTarget } from './action-target-operations.js';
import { visibleScopes } from './visibility.js';

export interface CustomActionRequest {
  ActionTargetArn?: unknown;
  FindingIdentifiers?: unknown;
}

export type CustomActionResult = { status: 200; body: { ActionTargetArn: string; Findings: number; Missing: Array<{ Id: string; ProductArn: string }> } } | { status: 400 | 404; body: { error: string; message: string } };

const MAX_FINDINGS = 20;

function identifiersOf(value: unknown): Array<{ Id: string; ProductArn: string }> | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_FINDINGS) return undefined;
  const ok = value.every((v) => v !== null && typeof v === 'object' && typeof (v as { Id?: unknown }).Id === 'string' && typeof (v as { ProductArn?: unknown }).ProductArn === 'string');
  return ok ? (value as Array<{ Id: string; ProductArn: string }>) : undefined;
}

export async function invokeCustomAction(store: Store, serviceEvents: ServiceEventBus, request: CustomActionRequest): Promise<CustomActionResult> {
  const arn = typeof request.ActionTargetArn === 'string' ? request.ActionTargetArn : '';
  const m = /^arn:aws[a-z-]*:securityhub:([a-z0-9-]+):(\d{12}):action\/custom\/[A-Za-z0-9]{1,20}$/.exec(arn);
  if (!m) return { status: 400, body: { error: 'InvalidInput', message: 'ActionTargetArn must be the ARN of a custom action (arn:aws:securityhub:<region>:<account>:action/custom/<id>).' } };
  const identifiers = identifiersOf(request.FindingIdentifiers);
  if (!identifiers) return { status: 400, body: { error: 'InvalidInput', message: `FindingIdentifiers must list 1 to ${MAX_FINDINGS} findings as {"Id", "ProductArn"}.` } };
  const scope = scopeOf(m[2]!, m[1]!);
  const target = (await hubOf(store, scope)) ? await readActionTarget(store, scope, arn) : undefined;
  if (!target) return { status: 404, body: { error: 'ResourceNotFound', message: `No custom action ${arn}.` } };
  const findings: Asff[] = [];
  const missing: Array<{ Id: string; ProductArn: string }> = [];
  const scopes = await visibleScopes(store, scope);
  for (const identifier of identifiers) {
    const key = findingKey(identifier.ProductArn, identifier.Id);
    let found: Asff | undefined;
    for (const s of scopes) if ((found = (await findingIndex(store, s)).get(key))) break;
    if (found) findings.push(found);
    else missing.push(identifier);
  }
  if (findings.length > 0) serviceEvents.publish(customActionEvent(scope, target.target, findings));
  return { status: 200, body: { ActionTargetArn: arn, Findings: findings.length, Missing: missing } };
}
