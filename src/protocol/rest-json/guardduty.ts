import { AwsError } from '../../core/aws-error.js';
import { missingAuthenticationToken } from './api-gateway.js';
import type { RestJsonQuirks } from './service-quirks.js';

/**
 * GuardDuty's front end. Every bad request is its modelled 400 `BadRequestException`, whose
 * body carries the finer cause in `__type` (observed: `{"message":"The request is rejected
 * because the parameter detectorId has an invalid value.","__type":"InvalidInputException"}`,
 * and "The request is rejected because the JSON could not be processed." for a body it cannot
 * read). Errors carry `message` and `__type` (the modelled Type member's JSON name is `type`,
 * but the service writes `__type`).
 */
const INVALID_INPUT = 'InvalidInputException';

function badRequest(message: string): AwsError {
  return new AwsError('BadRequestException', message, { status: 400, fields: { Type: INVALID_INPUT } });
}

function parameterOf(violation: string | undefined): string | undefined {
  return violation ? /at '([^']+)'/.exec(violation)?.[1] : undefined;
}

export const guarddutyQuirks: RestJsonQuirks = {
  validationError(violations) {
    const parameter = parameterOf(violations[0]);
    return badRequest(parameter
      ? `The request is rejected because the parameter ${parameter} has an invalid value.`
      : 'The request is rejected because an invalid or out-of-range value is specified as an input parameter.');
  },
  malformedBody() {
    return badRequest('The request is rejected because the JSON could not be processed.');
  },
  badValue(wire) {
    return badRequest(`The request is rejected because the parameter ${wire} has an invalid value.`);
  },
  unknownOperation() {
    return missingAuthenticationToken();
  },
  errorBody(body, error) {
    const type = body.type ?? (error.code === 'BadRequestException' ? INVALID_INPUT : error.code);
    delete body.type;
    body.__type = type;
  },
};
