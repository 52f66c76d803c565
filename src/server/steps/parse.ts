import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { ProtocolCodec } from '../../protocol/codec.js';
import type { HttpRequest } from '../../protocol/http.js';
import { validateInput } from '../../protocol/validate.js';

/** Step 4 — parse and validate: the operation's input, checked against the model's constraints. */
export function parseInput(codec: ProtocolCodec, req: HttpRequest, model: ServiceModel, op: OperationModel): Record<string, unknown> {
  const input = codec.parseRequest(req, model, op);
  const violations = validateInput(model, model.inputShape(op), input);
  if (violations.length > 0) throw codec.validationError(violations, model);
  return input;
}
