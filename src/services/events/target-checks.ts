/**
 * PutTargets' checks of one target: a well-formed ARN, at most one of Input / InputPath /
 * InputTransformer, JSON input, JSON paths EventBridge evaluates, template placeholders that
 * name a path or a predefined variable, an SQS queue as dead-letter queue, HTTP parameters
 * only for API destinations. A refusal is the whole request's ValidationException; a target
 * Bulwark cannot deliver to is instead a FailedEntries entry (`unsupportedTarget`).
 */
import { parseInputPath } from '../../events/transform/input-path.js';
import { parseTemplate, unknownPlaceholders } from '../../events/transform/input-template.js';
import { targetKind } from '../../events/targets/target-kind.js';
import type { TargetRecord } from '../../events/store/records.js';
import { validation } from './errors.js';

const ARN = /^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/s;
const SQS_QUEUE = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

export function checkTarget(target: TargetRecord): void {
  const id = target.Id;
  if (!ARN.test(target.Arn)) throw validation(`Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`);
  const inputs = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined).length;
  // Unconfirmed wording (all below).
  if (inputs > 1) throw validation(`Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`);
  if (target.Input !== undefined && !isJson(target.Input)) throw validation(`Parameter Input of target ${id} is not valid. Reason: Input must be valid JSON text.`);
  if (target.InputPath !== undefined) checkPath(target.InputPath, `Parameter InputPath of target ${id} is not valid.`);
  const transformer = target.InputTransformer;
  if (transformer) {
    const paths = transformer.InputPathsMap ?? {};
    for (const [key, path] of Object.entries(paths)) checkPath(path, `Parameter InputPathsMap of target ${id} is not valid: ${key}.`);
    const unknown = unknownPlaceholders(parseTemplate(transformer.InputTemplate), Object.keys(paths));
    if (unknown.length > 0) throw validation(`InputTemplate for target ${id} contains invalid placeholder ${unknown[0]}.`);
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined && !SQS_QUEUE.test(dlq)) throw validation(`Parameter DeadLetterConfig.Arn of target ${id} is not valid. Reason: ${dlq} is not an Amazon SQS queue ARN.`);
  if (target.HttpParameters !== undefined && targetKind(target.Arn).kind !== 'api-destination') {
    throw validation(`HttpParameters of target ${id} apply only to API destination targets.`);
  }
}

/** Why Bulwark cannot deliver to the target, or undefined when it can. */
export function unsupportedTarget(target: TargetRecord): string | undefined {
  const kind = targetKind(target.Arn);
  return kind.kind === 'unsupported' ? kind.reason : undefined;
}

function checkPath(path: string, refusal: string): void {
  try {
    parseInputPath(path);
  } catch (err) {
    throw validation(`${refusal} Reason: ${(err as Error).message}`);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
