/**
 * Reading versions: the one a selector names (`:3`, `:prod`), and every retained version of a
 * parameter (GetParameterHistory, deletion).
 */
import type { StoreOps } from '../../store/index.js';
import type { Scope } from '../../store/index.js';
import { labelNotFound, versionId, versionNotFound, versionPrefix, VERSION_KIND, type ParameterRecord, type ParameterVersion } from './common.js';
import type { ParameterReference } from './names.js';

/** The version a selector names (the current one without a selector); ParameterVersionNotFound when none. */
export async function selectVersion(ops: StoreOps, scope: Scope, record: ParameterRecord, selector: ParameterReference['selector']): Promise<ParameterVersion> {
  if (selector === undefined) return record;
  let version = selector.version;
  if (version === undefined) {
    const label = record.Labels.find((l) => l.Label === selector.label);
    if (!label) throw labelNotFound(record.Name, selector.text);
    version = label.Version;
  }
  if (version === record.Version) return record;
  const stored = version >= record.OldestVersion && version < record.Version ? await ops.get<ParameterVersion>(scope, VERSION_KIND, versionId(record.Name, version)) : undefined;
  if (!stored) throw versionNotFound(record.Name, selector.text);
  return stored.value;
}

/** The stored versions of `name` from `after` on (oldest first), at most `limit`; `more` when others follow. */
export async function listVersions(ops: StoreOps, scope: Scope, name: string, options: { after?: number; limit?: number } = {}): Promise<{ versions: ParameterVersion[]; more: boolean }> {
  const page = await ops.list<ParameterVersion>(scope, VERSION_KIND, {
    prefix: versionPrefix(name),
    after: options.after === undefined ? undefined : versionId(name, options.after),
    limit: options.limit,
  });
  return { versions: page.items.map((i) => i.value), more: page.next !== undefined };
}

/** Every version id of `name` (for deleting the parameter). */
export async function versionIds(ops: StoreOps, scope: Scope, name: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await ops.list(scope, VERSION_KIND, { prefix: versionPrefix(name), after, limit: 200 });
    for (const item of page.items) ids.push(item.id);
    after = page.next;
  } while (after !== undefined);
  return ids;
}
