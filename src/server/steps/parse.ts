import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { ProtocolCodec } from '../../protocol/codec.js';
import type { HttpRequest } from '../../protocol/http.js';
import { validateInput } from '../../protocol/validate.js';
import { itemsValidatedByService, serviceInputCheck } from '../../services/registry.js';

/**
 * Step 4 — parse and validate: the operation's input, checked against the model's constraints,
 * then by the service's own input rules (S3 bucket names and keys) before anything reads the
 * store with it.
 */
export function parseInput(codec: ProtocolCodec, req: HttpRequest, model: ServiceModel, op: OperationModel): Record<string, unknown> {
  const input = codec.parseRequest(req, model, op);
  const violations = validateInput(model, model.inputShape(op), input, itemsValidatedByService(model.name, op.name));
  if (violations.length > 0) throw codec.validationError(violations, model);
  serviceInputCheck(model.name)?.(op.name, input, req);
  return input;
}
