/**
 * LabelParameterVersion and UnlabelParameterVersion. A label names one version of a parameter
 * (attaching it to another version moves it); a version carries at most 10 labels. A label is
 * at most 100 characters of letters, digits, `.`, `-` and `_`, and does not begin with a digit,
 * `aws` or `ssm` (any case): labels that break these rules are not attached and come back in
 * InvalidLabels. Without ParameterVersion, LabelParameterVersion labels the current version.
 */
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { PARAMETER_KIND, parameterNotFound, ssmScope, versionNotFound, type LabelEntry, type ParameterRecord } from './common.js';
import { isReadableName } from './names.js';

export const MAX_LABELS_PER_VERSION = 10;

export function isValidLabel(label: string): boolean {
  return label.length >= 1 && label.length <= 100 && /^[a-zA-Z0-9_.-]+$/.test(label) && !/^([0-9]|aws|ssm)/i.test(label);
}

/** Reads, changes and writes a parameter's labels in one transaction. */
async function changeLabels<T>(ctx: RequestContext, name: string, change: (record: ParameterRecord) => { labels: LabelEntry[]; result: T }): Promise<T> {
  const scope = ssmScope(ctx);
  if (!isReadableName(name)) throw parameterNotFound();
  return ctx.store.transaction(async (tx) => {
    const stored = await tx.get<ParameterRecord>(scope, PARAMETER_KIND, name);
    if (!stored) throw parameterNotFound();
    const { labels, result } = change(stored.value);
    if (labels !== stored.value.Labels) await tx.put(scope, PARAMETER_KIND, name, Object.assign({}, stored.value, { Labels: labels }), { expectVersion: stored.version });
    return result;
  });
}

function requireVersion(record: ParameterRecord, version: number): void {
  if (version < record.OldestVersion || version > record.Version) throw versionNotFound(record.Name, version);
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export const labelParameterVersion: OperationHandler = async (ctx, input) => {
  const requested = [...new Set(strings(input.Labels))];
  return changeLabels(ctx, input.Name as string, (record) => {
    const version = typeof input.ParameterVersion === 'number' ? input.ParameterVersion : record.Version;
    requireVersion(record, version);
    const valid = requested.filter(isValidLabel);
    const InvalidLabels = requested.filter((l) => !isValidLabel(l));
    const moved = new Set(valid);
    const labels = record.Labels.filter((l) => !moved.has(l.Label));
    for (const label of valid) labels.push({ Label: label, Version: version });
    if (labels.filter((l) => l.Version === version).length > MAX_LABELS_PER_VERSION) {
      throw new AwsError(
        'ParameterVersionLabelLimitExceeded',
        // Unconfirmed wording.
        `A parameter version can have maximum ${MAX_LABELS_PER_VERSION} labels. Move one or more labels to another version and try again.`,
      );
    }
    return { labels: valid.length > 0 ? labels : record.Labels, result: { InvalidLabels, ParameterVersion: version } };
  });
};

export const unlabelParameterVersion: OperationHandler = async (ctx, input) => {
  const requested = [...new Set(strings(input.Labels))];
  return changeLabels(ctx, input.Name as string, (record) => {
    const version = input.ParameterVersion as number;
    requireVersion(record, version);
    const on = new Set(record.Labels.filter((l) => l.Version === version).map((l) => l.Label));
    const RemovedLabels = requested.filter((l) => on.has(l));
    const InvalidLabels = requested.filter((l) => !on.has(l));
    const removed = new Set(RemovedLabels);
    const labels = RemovedLabels.length > 0 ? record.Labels.filter((l) => !(l.Version === version && removed.has(l.Label))) : record.Labels;
    return { labels, result: { RemovedLabels, InvalidLabels } };
  });
};
