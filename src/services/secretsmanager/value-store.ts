/** The sealed values of a secret's versions in the store (records of VALUE_KIND, common.ts). */
import type { Scope, StoreOps } from '../../store/index.js';
import { VALUE_KIND, valueId, valuePrefix } from './common.js';
import type { SealedValue } from './encryption.js';

export async function putValue(ops: StoreOps, scope: Scope, name: string, versionId: string, sealed: SealedValue): Promise<void> {
  await ops.put(scope, VALUE_KIND, valueId(name, versionId), sealed);
}

export async function getValue(ops: StoreOps, scope: Scope, name: string, versionId: string): Promise<SealedValue | undefined> {
  return (await ops.get<SealedValue>(scope, VALUE_KIND, valueId(name, versionId)))?.value;
}

export async function deleteValues(ops: StoreOps, scope: Scope, name: string, versionIds: Iterable<string>): Promise<void> {
  for (const id of versionIds) await ops.delete(scope, VALUE_KIND, valueId(name, id));
}

/** Every value of a secret (when the secret itself goes). */
export async function deleteAllValues(ops: StoreOps, scope: Scope, name: string): Promise<void> {
  const prefix = valuePrefix(name);
  for (;;) {
    const page = await ops.list(scope, VALUE_KIND, { prefix, limit: 500 });
    for (const item of page.items) await ops.delete(scope, VALUE_KIND, item.id);
    if (page.items.length === 0 || page.next === undefined) return;
  }
}
