/**
 * Plaintext (TXT): one IP address, CIDR block or domain per line, as the GuardDuty user guide
 * shows (`54.20.175.217`, `205.0.0.0/8`). Blank lines and `#` comments are skipped; text after
 * the first blank on a line is ignored.
 */
import { collector, contentLines, type ParsedList } from '../parsed-list.js';

export function parseTxt(text: string): ParsedList {
  const list = collector();
  for (const line of contentLines(text)) list.add(line.split(/\s+/)[0]!);
  return list.result();
}
