import type { AwsError } from '../../core/aws-error.js';
import type { OperationModel, ServiceModel, Shape } from '../../models/index.js';
import type { ResponseContext } from '../codec.js';
import type { HttpRequest, HttpResponse } from '../http.js';
import type { TextLocation } from './scalar-text.js';
import type { MemberPlan } from './structure-plan.js';

/**
 * What differs between rest-json and rest-xml (and, through their override files, between the
 * services that speak them): the body format, the wire errors, and how a request's path reads.
 * The HTTP-binding logic shared by both lives in rest-codec.ts.
 */
export interface RestDialect {
  /** The request path to route on (S3 rewrites virtual-hosted requests to path style). */
  requestPath(req: HttpRequest, model: ServiceModel): string;
  /** Service-specific touches to a parsed input (S3: aws-chunked uploads). */
  finishInput?(req: HttpRequest, model: ServiceModel, op: OperationModel, input: Record<string, unknown>): void;
  /** The body members of the top-level input structure from the body document. */
  readDocument(model: ServiceModel, shape: Shape, members: MemberPlan[], body: Buffer): Record<string, unknown>;
  /** A structure (or union/map/list) payload member from the whole body. */
  readPayload(model: ServiceModel, member: MemberPlan, body: Buffer): unknown;
  /** The body document of the output's body members; undefined for no body. */
  writeDocument(model: ServiceModel, op: OperationModel, shape: Shape, members: MemberPlan[], output: Record<string, unknown>, status: number): string | undefined;
  writePayload(model: ServiceModel, member: MemberPlan, value: unknown): string;
  /** Content-Type of a body document. */
  readonly contentType: string;
  requestIdHeaders(model: ServiceModel, ctx: ResponseContext): Record<string, string>;
  /** A label, query or header value that does not fit its shape. */
  badValue(model: ServiceModel, location: TextLocation, wire: string, text: string, reason: string): AwsError;
  /** A body that cannot be read at all (or a reader failure we did not foresee). */
  malformedBody(model: ServiceModel, detail: string): AwsError;
  /** No operation matches; `methods` are the methods some route accepts for this path. */
  unknownOperation(model: ServiceModel, req: HttpRequest, path: string, methods: string[]): AwsError;
  serializeError(model: ServiceModel, op: OperationModel | undefined, error: AwsError, ctx: ResponseContext): HttpResponse;
  validationError(violations: string[], model?: ServiceModel): AwsError;
}
