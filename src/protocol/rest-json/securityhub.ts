import { AwsError } from '../../core/aws-error.js';
import { validationMessage } from '../validate.js';
import { missingAuthenticationToken } from './api-gateway.js';
import type { RestJsonQuirks } from './service-quirks.js';

/**
 * Security Hub's front end: an input that breaks the model's constraints is its modelled 400
 * `InvalidInputException` ("The request was rejected because you supplied an invalid or
 * out-of-range value for an input parameter."); error bodies are `{"Code": …, "Message": …}`,
 * which the generic writer produces from the modelled Code/Message members.
 */
export const securityhubQuirks: RestJsonQuirks = {
  validationError(violations) {
    return new AwsError('InvalidInputException', validationMessage(violations), { status: 400 });
  },
  badValue(wire, text) {
    return new AwsError('InvalidInputException', `Invalid value '${text.length > 64 ? `${text.slice(0, 61)}...` : text}' for parameter ${wire}.`, { status: 400 });
  },
  unknownOperation() {
    return missingAuthenticationToken();
  },
};
