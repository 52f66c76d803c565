/**
 * The chain of a trail's digest files, one per account and Region the trail delivers for: each
 * digest file names the previous one (bucket, key, SHA-256 and signature), so a digest file
 * removed from the middle of the chain is noticed. Kept beside the trail (its account and home
 * Region) under `<trail name>/<account>/<region>`; a trail created again under the same name
 * starts new chains.
 */
import type { Store } from '../../store/index.js';
import { trailScope, type TrailRecord } from '../../services/cloudtrail/common.js';

export const CHAIN_KIND = 'cloudtrail:digest-chain';

export interface DigestChain {
  TrailCreatedAt: string;
  Account: string;
  Region: string;
  /** The last digest file delivered. */
  Bucket: string;
  Key: string;
  Signature: string;
  HashValue: string;
  EndTime: string;
}

type TrailKey = Pick<TrailRecord, 'AccountId' | 'HomeRegion' | 'Name' | 'CreatedAt'>;

/** The trail's chains, by `<account>/<region>`. */
export async function loadChains(store: Store, trail: TrailKey): Promise<Map<string, DigestChain>> {
  const out = new Map<string, DigestChain>();
  let after: string | undefined;
  do {
    const page = await store.list<DigestChain>(trailScope(trail), CHAIN_KIND, { prefix: `${trail.Name}/`, after, limit: 500 });
    for (const item of page.items) if (item.value.TrailCreatedAt === trail.CreatedAt) out.set(`${item.value.Account}/${item.value.Region}`, item.value);
    after = page.next;
  } while (after !== undefined);
  return out;
}

export async function saveChain(store: Store, trail: TrailKey, chain: DigestChain): Promise<void> {
  await store.put(trailScope(trail), CHAIN_KIND, `${trail.Name}/${chain.Account}/${chain.Region}`, chain);
}
