/**
 * Event bus targets: the matched event goes on as it is to another bus of the rule's account
 * (any Region), whose rules then match it. Buses of other accounts need bus policies, which
 * Bulwark does not implement, so they are refused; a chain of buses stops after 5 hops, so
 * rules routing buses into each other cannot loop forever.
 */
import type { Scope, Store } from '../../store/index.js';
import { DeliveryError } from '../delivery/delivery-error.js';
import type { EventEnvelope } from '../envelope.js';
import { DEFAULT_BUS, KIND } from '../store/records.js';

export const MAX_BUS_HOPS = 5;

export async function deliverToBus(
  store: Store,
  ruleScope: Scope,
  target: { scope: Scope; bus: string },
  event: EventEnvelope,
  hops: number,
  publish: (scope: Scope, bus: string, event: EventEnvelope, hops: number) => void,
): Promise<void> {
  if (target.scope.account !== ruleScope.account) {
    throw new DeliveryError('NO_PERMISSIONS', `Event bus ${target.bus} belongs to account ${target.scope.account}: Bulwark does not deliver across accounts (no event bus policies).`, false);
  }
  if (hops + 1 >= MAX_BUS_HOPS) throw new DeliveryError('EVENT_LOOP', `The event went through ${MAX_BUS_HOPS} event buses already; it is not forwarded further.`, false);
  if (target.bus !== DEFAULT_BUS && !(await store.get(target.scope, KIND.bus, target.bus))) {
    throw new DeliveryError('RESOURCE_NOT_FOUND', `Event bus ${target.bus} does not exist.`, false);
  }
  publish(target.scope, target.bus, event, hops + 1);
}
