import type { AwsError } from '../core/aws-error.js';
import type { OperationModel, ServiceModel } from '../models/index.js';
import type { HttpRequest, HttpResponse } from './http.js';

/** Per-request facts a codec needs to write a response. */
export interface ResponseContext {
  requestId: string;
}

/**
 * One wire-protocol family (query, ec2, json, rest-json, rest-xml), generic over every service
 * of that family and driven by the service model. Codecs never import a service.
 */
export interface ProtocolCodec {
  /**
   * The operation this request names within the service, or an AwsError (the protocol's own
   * "unknown operation" error) when it names none.
   */
  resolveOperation(req: HttpRequest, model: ServiceModel): OperationModel;
  /** The operation input in the shared in-memory representation; throws the protocol's AwsError. */
  parseRequest(req: HttpRequest, model: ServiceModel, op: OperationModel): Record<string, unknown>;
  serializeResponse(model: ServiceModel, op: OperationModel, output: Record<string, unknown>, ctx: ResponseContext): HttpResponse;
  serializeError(model: ServiceModel, op: OperationModel | undefined, error: AwsError, ctx: ResponseContext): HttpResponse;
  /** The protocol's input-validation error for these AWS-worded violations (some services word it their own way). */
  validationError(violations: string[], model?: ServiceModel): AwsError;
  /** Whether the operation's input takes the request body as a stream (S3 PutObject, UploadPart); absent = never. */
  takesBodyStream?(model: ServiceModel, op: OperationModel): boolean;
}
