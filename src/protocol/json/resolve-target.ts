import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { unknownOperation } from './errors.js';

/**
 * Finds the operation an AWS JSON request names: `POST` with `X-Amz-Target:
 * {targetPrefix}.{Operation}` (the prefix may itself hold dots, as CloudTrail's
 * `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101` does, so the name is what follows the
 * last dot).
 *
 * Content-Type: SDKs send `application/x-amz-json-1.0` or `-1.1`. Either version is accepted
 * for every service, as are `application/json` and a missing header (hand-written clients);
 * any other media type (a form post, XML, octet-stream) is what AWS answers with the 404
 * UnknownOperationException, since no JSON operation can be dispatched from it.
 */
const targetsByModel = new WeakMap<ServiceModel, Map<string, OperationModel>>();

/**
 * The target prefixes a service answers to: the model's, and for a namespaced one its last
 * segment too (botocore sends `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.X`, the
 * SDK v3 `CloudTrail_20131101.X`; both reach CloudTrail).
 */
function targetPrefixes(model: ServiceModel): string[] {
  const prefix = model.metadata.targetPrefix ?? '';
  const dot = prefix.lastIndexOf('.');
  return dot < 0 ? [prefix] : [prefix, prefix.slice(dot + 1)];
}

function targetTable(model: ServiceModel): Map<string, OperationModel> {
  let table = targetsByModel.get(model);
  if (!table) {
    table = new Map();
    for (const prefix of targetPrefixes(model)) {
      for (const op of model.operations.values()) table.set(`${prefix}.${op.name}`, op);
    }
    targetsByModel.set(model, table);
  }
  return table;
}

/** True when the Content-Type is one the JSON front end reads (or is absent). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  const media = contentType.split(';')[0].trim().toLowerCase();
  return media === 'application/x-amz-json-1.1' || media === 'application/x-amz-json-1.0' || media === 'application/json';
}

export function resolveTarget(req: HttpRequest, model: ServiceModel): OperationModel {
  if (req.method.toUpperCase() !== 'POST') {
    throw unknownOperation(`The JSON protocol of ${model.metadata.serviceId} accepts only POST requests.`, 404);
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    throw unknownOperation(`Content-Type '${req.headers['content-type']}' is not an AWS JSON media type.`, 404);
  }
  const target = req.headers['x-amz-target']?.trim();
  if (!target) throw unknownOperation('The request names no operation: the X-Amz-Target header is missing.', 404);
  const op = targetTable(model).get(target);
  if (op) return op;
  const dot = target.lastIndexOf('.');
  const prefix = dot < 0 ? '' : target.slice(0, dot);
  const name = target.slice(dot + 1);
  if (!targetPrefixes(model).includes(prefix)) {
    throw unknownOperation(`X-Amz-Target '${target}' does not name a ${model.metadata.serviceId} operation.`);
  }
  throw unknownOperation(`${model.metadata.serviceId} has no operation named '${name}'.`);
}
