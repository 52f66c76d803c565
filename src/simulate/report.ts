/** What `bulwark simulate` prints: the results as a table or as JSON, and the catalog for --list. */
import type { SimulationReport, TechniqueResult } from './runner.js';
import type { AnyTechnique } from './technique.js';

/** Rows of cells as left-aligned columns, two spaces apart. */
function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

function status(result: TechniqueResult): string {
  if (result.error !== undefined) return 'FAILED';
  return result.detected ? 'yes' : 'no';
}

/** One row per technique, then a summary and every error and cleanup failure. */
export function formatTable({ results, unwatched, cleanupErrors, stopped }: SimulationReport): string {
  const rows = [['TECHNIQUE', 'DETECTED', 'SECONDS', 'FINDING TYPES']];
  for (const r of results) rows.push([r.technique, status(r), r.secondsToDetect === null ? '-' : r.secondsToDetect.toFixed(2), r.findingTypes.join(', ') || '-']);
  const detected = results.filter((r) => r.detected).length;
  const failed = results.filter((r) => r.error !== undefined).length;
  const notes = [`${detected} of ${results.length} techniques detected${failed > 0 ? `; ${failed} failed to run` : ''}${stopped ? '; the run was stopped before the others' : ''}.`];
  for (const r of results) {
    if (r.error !== undefined) notes.push(`${r.technique}: ${r.error}`);
    for (const failure of r.cleanupErrors) notes.push(`${r.technique}: cleanup ${failure}`);
  }
  for (const failure of cleanupErrors) notes.push(`run cleanup: ${failure}`);
  if (unwatched !== undefined) notes.unshift(`No finding could be read: ${unwatched}.`);
  return columns(rows) + '\n' + notes.join('\n') + '\n';
}

/** The array of `{technique, detected, findingTypes, secondsToDetect}`. */
export function formatJson({ results }: SimulationReport): string {
  const shaped = results.map(({ technique, detected, findingTypes, secondsToDetect }) => ({ technique, detected, findingTypes, secondsToDetect }));
  return JSON.stringify(shaped, null, 2) + '\n';
}

/** The catalog: id, source, title and the finding types that count as detection. */
export function formatList(techniques: readonly AnyTechnique[]): string {
  const rows = [['TECHNIQUE', 'SOURCE', 'TITLE', 'EXPECTED FINDING TYPES']];
  for (const t of techniques) rows.push([t.id, t.source, t.title, t.expectedFindingTypes.join(' | ')]);
  return columns(rows);
}
