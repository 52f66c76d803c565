/**
 * Cross-Region aggregation: an account's one finding aggregator (kept in its GLOBAL scope, so
 * every Region finds it) makes its home Region see the findings of the linked Regions — every
 * Region with a hub (ALL_REGIONS), all but the listed (ALL_REGIONS_EXCEPT_SPECIFIED), only the
 * listed (SPECIFIED_REGIONS), or none (NO_REGIONS).
 */
import { GLOBAL_REGION, type StoreOps } from '../../store/index.js';
import { AGGREGATOR_ID, KIND, scopeOf, type AggregatorRecord } from './common.js';
import { cached } from './config-cache.js';

export async function aggregatorOf(ops: StoreOps, account: string): Promise<AggregatorRecord | undefined> {
  return (await ops.get<AggregatorRecord>(scopeOf(account, GLOBAL_REGION), KIND.aggregator, AGGREGATOR_ID))?.value;
}

/** The Regions (other than the home Region) whose findings `account` sees from `region` (cached). */
export function linkedRegions(store: StoreOps & object, account: string, region: string): Promise<string[]> {
  return cached(store, `linked\u0000${account}\u0000${region}`, async () => {
    const aggregator = await aggregatorOf(store, account);
    if (!aggregator || aggregator.FindingAggregationRegion !== region) return [];
    const listed = new Set(aggregator.Regions);
    if (aggregator.RegionLinkingMode === 'SPECIFIED_REGIONS') return [...listed].filter((r) => r !== region);
    if (aggregator.RegionLinkingMode === 'NO_REGIONS') return [];
    const hubRegions = new Set((await store.scopes(KIND.hub)).map((s) => s.region));
    return [...hubRegions].filter((r) => r !== region && (aggregator.RegionLinkingMode === 'ALL_REGIONS' || !listed.has(r)));
  });
}

/** The home Region whose aggregator links `region` for `account`, if any (cached). */
export function homeRegionOf(store: StoreOps & object, account: string, region: string): Promise<string | undefined> {
  return cached(store, `home\u0000${account}\u0000${region}`, async () => {
    const aggregator = await aggregatorOf(store, account);
    if (!aggregator || aggregator.FindingAggregationRegion === region) return undefined;
    return (await linkedRegions(store, account, aggregator.FindingAggregationRegion)).includes(region) ? aggregator.FindingAggregationRegion : undefined;
  });
}
