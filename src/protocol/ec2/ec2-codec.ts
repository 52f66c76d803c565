import type { AwsError } from '../../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { ProtocolCodec } from '../codec.js';
import type { HttpRequest, HttpResponse } from '../http.js';
import { escapeXml } from '../shared/xml.js';
import { BadParameter, readInput, requestParams, writeMembers } from '../query/index.js';
import { ec2Dialect } from './ec2-dialect.js';
import {
  ec2BadParameter, ec2ErrorResponse, ec2InvalidAction, ec2MissingAction, ec2NoSuchVersion, ec2ValidationError,
} from './ec2-errors.js';

/**
 * The AWS `ec2` protocol: query-style requests with EC2's parameter naming, and responses
 * `<{Op}Response xmlns=…><requestId/>…members…</{Op}Response>` with no Result wrapper.
 */
export const ec2Codec: ProtocolCodec = {
  resolveOperation(req: HttpRequest, model: ServiceModel): OperationModel {
    const { action, version } = requestParams(req);
    if (!action) throw ec2MissingAction();
    const op = model.operation(action);
    if (!op) throw ec2InvalidAction(action);
    if (version !== undefined && version !== model.metadata.apiVersion) throw ec2NoSuchVersion(model, version);
    return op;
  },

  parseRequest(req: HttpRequest, model: ServiceModel, op: OperationModel): Record<string, unknown> {
    try {
      return readInput(model, ec2Dialect, model.inputShape(op), requestParams(req).tree);
    } catch (err) {
      if (err instanceof BadParameter) throw ec2BadParameter(err);
      throw err;
    }
  },

  serializeResponse(model: ServiceModel, op: OperationModel, output: Record<string, unknown>, ctx): HttpResponse {
    const out: string[] = [
      `<?xml version="1.0" encoding="UTF-8"?>\n<${op.name}Response xmlns="${escapeXml(ec2Namespace(model))}">`,
      `<requestId>${escapeXml(ctx.requestId)}</requestId>`,
    ];
    if (op.output) writeMembers(model, model.outputShape(op), output ?? {}, out);
    out.push(`</${op.name}Response>`);
    return {
      status: op.http.responseCode ?? 200,
      headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': ctx.requestId },
      body: out.join(''),
    };
  },

  serializeError(model: ServiceModel, _op: OperationModel | undefined, error: AwsError, ctx): HttpResponse {
    return ec2ErrorResponse(model, error, ctx.requestId);
  },

  validationError(violations: string[]): AwsError {
    return ec2ValidationError(violations);
  },
};

/** EC2 documents carry the versioned namespace with its trailing slash. */
function ec2Namespace(model: ServiceModel): string {
  const ns = model.metadata.xmlNamespace ?? `http://ec2.amazonaws.com/doc/${model.metadata.apiVersion}`;
  return ns.endsWith('/') ? ns : `${ns}/`;
}
