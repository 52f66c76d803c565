import type { AwsError } from '../../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { ProtocolCodec } from '../codec.js';
import type { HttpRequest, HttpResponse } from '../http.js';
import { escapeXml } from '../shared/xml.js';
import { queryDialect } from './dialect.js';
import { BadParameter, readInput } from './input-reader.js';
import {
  missingAction, queryBadParameter, queryErrorResponse, queryNamespace, queryValidationError, unknownOperation,
} from './query-errors.js';
import { requestParams } from './request-params.js';
import { writeMembers } from './xml-writer.js';

/**
 * The AWS `query` protocol (IAM, STS): form-encoded `Action`/`Version` requests, XML
 * `<{Op}Response><{Op}Result>…</{Op}Result><ResponseMetadata/></{Op}Response>` answers.
 */
export const queryCodec: ProtocolCodec = {
  resolveOperation(req: HttpRequest, model: ServiceModel): OperationModel {
    const { action, version } = requestParams(req);
    if (!action) throw missingAction();
    const op = model.operation(action);
    const apiVersion = model.metadata.apiVersion;
    if (!op || (version !== undefined && version !== apiVersion)) throw unknownOperation(action, version ?? apiVersion);
    return op;
  },

  parseRequest(req: HttpRequest, model: ServiceModel, op: OperationModel): Record<string, unknown> {
    try {
      return readInput(model, queryDialect, model.inputShape(op), requestParams(req).tree);
    } catch (err) {
      if (err instanceof BadParameter) throw queryBadParameter(err);
      throw err;
    }
  },

  serializeResponse(model: ServiceModel, op: OperationModel, output: Record<string, unknown>, ctx): HttpResponse {
    const out: string[] = [`<${op.name}Response xmlns="${escapeXml(queryNamespace(model))}">`];
    if (op.output) {
      const wrapper = op.output.resultWrapper ?? `${op.name}Result`;
      out.push(`<${wrapper}>`);
      writeMembers(model, model.outputShape(op), output ?? {}, out);
      out.push(`</${wrapper}>`);
    }
    out.push(`<ResponseMetadata><RequestId>${escapeXml(ctx.requestId)}</RequestId></ResponseMetadata></${op.name}Response>`);
    return {
      status: op.http.responseCode ?? 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId },
      body: out.join(''),
    };
  },

  serializeError(model: ServiceModel, _op: OperationModel | undefined, error: AwsError, ctx): HttpResponse {
    return queryErrorResponse(model, error, ctx.requestId);
  },

  validationError(violations: string[]): AwsError {
    return queryValidationError(violations);
  },
};
