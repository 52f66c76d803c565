/**
 * What a target receives for an event: the event itself (as JSON), the constant `Input`, the
 * part `InputPath` selects, or the InputTransformer's filled template.
 */
import type { EventEnvelope } from '../envelope.js';
import type { TargetRecord } from '../store/records.js';
import { evaluateInputPath, parseInputPath } from './input-path.js';
import { parseTemplate, renderTemplate } from './input-template.js';

export interface RuleRef {
  name: string;
  arn: string;
}

export function targetInput(target: TargetRecord, event: EventEnvelope, rule: RuleRef, ingestedAt: Date): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(evaluateInputPath(parseInputPath(target.InputPath), event) ?? null);
  const transformer = target.InputTransformer;
  if (!transformer) return JSON.stringify(event);
  const values = new Map<string, unknown>();
  for (const [key, path] of Object.entries(transformer.InputPathsMap ?? {})) values.set(key, evaluateInputPath(parseInputPath(path), event));
  const { detail: _detail, ...withoutDetail } = event;
  values.set('aws.events.rule-arn', rule.arn);
  values.set('aws.events.rule-name', rule.name);
  values.set('aws.events.event.ingestion-time', ingestedAt.toISOString());
  values.set('aws.events.event', withoutDetail);
  values.set('aws.events.event.json', event);
  return renderTemplate(parseTemplate(transformer.InputTemplate), values);
}
