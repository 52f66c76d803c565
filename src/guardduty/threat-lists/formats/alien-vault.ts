/**
 * AlienVault IP reputation feed: one address per line with `#`-separated fields —
 * `address#reliability#risk#activity#country#city#latitude,longitude#…`. The activity field
 * (`;`-separated, e.g. `Malicious Host;Scanning Host`) names the threats.
 */
import { collector, contentLines, type ParsedList } from '../parsed-list.js';

export function parseAlienVault(text: string): ParsedList {
  const list = collector();
  for (const line of contentLines(text)) {
    const fields = line.split('#');
    const activity = (fields[3] ?? '').split(';').map((a) => a.trim()).filter((a) => a !== '');
    list.add(fields[0]!, activity);
  }
  return list.result();
}
