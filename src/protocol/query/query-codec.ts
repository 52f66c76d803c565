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
    const frame = responseFrame(model, op);
    const out: string[] = [frame.open];
    if (op.output) {
      writeMembers(model, model.outputShape(op), output ?? {}, out);
    }
    out.push(frame.beforeRequestId, escapeXml(ctx.requestId), frame.close);
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

/** The fixed text around an operation's result and request id, built once per operation. */
interface ResponseFrame {
  model: ServiceModel;
  /** `<{Op}Response xmlns="…">` and, when the operation has output, `<{Op}Result>`. */
  open: string;
  /** `</{Op}Result>` (with output) then `<ResponseMetadata><RequestId>`. */
  beforeRequestId: string;
  /** `</RequestId></ResponseMetadata></{Op}Response>` */
  close: string;
}

const frames = new WeakMap<OperationModel, ResponseFrame>();

function responseFrame(model: ServiceModel, op: OperationModel): ResponseFrame {
  let frame = frames.get(op);
  if (frame?.model !== model) {
    const wrapper = op.output ? op.output.resultWrapper ?? `${op.name}Result` : undefined;
    frame = {
      model,
      open: `<${op.name}Response xmlns="${escapeXml(queryNamespace(model))}">` + (wrapper ? `<${wrapper}>` : ''),
      beforeRequestId: (wrapper ? `</${wrapper}>` : '') + '<ResponseMetadata><RequestId>',
      close: `</RequestId></ResponseMetadata></${op.name}Response>`,
    };
    frames.set(op, frame);
  }
  return frame;
}
