import { AwsError } from '../../core/aws-error.js';
import type { ServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../http.js';
import { validationMessage } from '../validate.js';

/**
 * Amazon S3's own rules on top of rest-xml (S3 Control, which also signs as `s3`, shares the
 * request-id headers; see errors.ts).
 *
 * - Output documents are rooted at the names S3's API reference gives (ListObjectsV2 →
 *   `ListBucketResult`, GetBucketAcl → `AccessControlPolicy`…); the botocore model does not
 *   carry them, so they are listed here. Others are rooted at the output shape's name.
 * - A method no route accepts for the resource is `405 MethodNotAllowed` ("The specified method
 *   is not allowed against this resource.", with `Method` and `ResourceType`); a path no route
 *   can read (an empty bucket name, `//`) is `400 InvalidURI` ("Couldn't parse the specified URI.").
 * - An `aws-chunked` upload (the body already decoded by the auth step) reports the object's
 *   own Content-Encoding (without `aws-chunked`) and its decoded length
 *   (`x-amz-decoded-content-length`) as ContentLength.
 * - S3 has no Coral-style validation error: a missing required XML document is
 *   `MissingRequestBodyError` ("Request Body is empty"), a missing element inside one
 *   `MalformedXML`, anything else out of range `InvalidArgument`.
 */
export function isS3(model: ServiceModel): boolean {
  return model.name === 's3';
}

const OUTPUT_ROOTS: Record<string, string> = {
  CompleteMultipartUploadOutput: 'CompleteMultipartUploadResult',
  CreateMultipartUploadOutput: 'InitiateMultipartUploadResult',
  CreateSessionOutput: 'CreateSessionResult',
  DeleteObjectsOutput: 'DeleteResult',
  GetBucketAccelerateConfigurationOutput: 'AccelerateConfiguration',
  GetBucketAclOutput: 'AccessControlPolicy',
  GetBucketCorsOutput: 'CORSConfiguration',
  GetBucketLifecycleConfigurationOutput: 'LifecycleConfiguration',
  GetBucketLifecycleOutput: 'LifecycleConfiguration',
  GetBucketLocationOutput: 'LocationConstraint',
  GetBucketLoggingOutput: 'BucketLoggingStatus',
  GetBucketRequestPaymentOutput: 'RequestPaymentConfiguration',
  GetBucketTaggingOutput: 'Tagging',
  GetBucketVersioningOutput: 'VersioningConfiguration',
  GetBucketWebsiteOutput: 'WebsiteConfiguration',
  GetObjectAclOutput: 'AccessControlPolicy',
  GetObjectAttributesOutput: 'GetObjectAttributesResponse',
  GetObjectTaggingOutput: 'Tagging',
  ListBucketAnalyticsConfigurationsOutput: 'ListBucketAnalyticsConfigurationResult',
  ListBucketInventoryConfigurationsOutput: 'ListInventoryConfigurationsResult',
  ListBucketMetricsConfigurationsOutput: 'ListMetricsConfigurationsResult',
  ListBucketsOutput: 'ListAllMyBucketsResult',
  ListDirectoryBucketsOutput: 'ListAllMyDirectoryBucketsResult',
  ListMultipartUploadsOutput: 'ListMultipartUploadsResult',
  ListObjectsOutput: 'ListBucketResult',
  ListObjectsV2Output: 'ListBucketResult',
  ListObjectVersionsOutput: 'ListVersionsResult',
  ListPartsOutput: 'ListPartsResult',
};

export function s3OutputRoot(shapeName: string): string {
  return OUTPUT_ROOTS[shapeName] ?? shapeName;
}

export function s3UnknownOperation(req: HttpRequest, path: string, methods: string[]): AwsError {
  if (methods.length === 0) {
    return new AwsError('InvalidURI', "Couldn't parse the specified URI.", { status: 400, fields: { URI: path } });
  }
  const segments = path.split('/').filter(Boolean).length;
  return new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
    status: 405,
    fields: { Method: req.method, ResourceType: segments === 0 ? 'SERVICE' : segments === 1 ? 'BUCKET' : 'OBJECT' },
    headers: { allow: methods.join(', ') },
  });
}

const payloadNames = new WeakMap<ServiceModel, Set<string>>();

/** The validator's paths (`tagging`) of every operation's payload member. */
function payloadPaths(model: ServiceModel): Set<string> {
  let names = payloadNames.get(model);
  if (!names) {
    names = new Set();
    for (const op of model.operations.values()) {
      const payload = model.inputShape(op).payload;
      if (payload) names.add(payload.charAt(0).toLowerCase() + payload.slice(1));
    }
    payloadNames.set(model, names);
  }
  return names;
}

export function s3ValidationError(violations: string[], model?: ServiceModel): AwsError {
  const first = violations[0] ?? '';
  const path = /at '([^']+)'/.exec(first)?.[1] ?? '';
  if (first.endsWith('Member must not be null')) {
    if (model && payloadPaths(model).has(path)) return new AwsError('MissingRequestBodyError', 'Request Body is empty', { status: 400 });
    if (path.includes('.')) {
      return new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
    }
  }
  return new AwsError('InvalidArgument', validationMessage(violations), { status: 400, fields: { ArgumentName: path } });
}

export function s3FinishInput(req: HttpRequest, input: Record<string, unknown>): void {
  if (typeof input.ContentEncoding === 'string' && /(^|,)\s*aws-chunked\s*(,|$)/i.test(input.ContentEncoding)) {
    const rest = input.ContentEncoding.split(',').map((s) => s.trim()).filter((s) => s && s.toLowerCase() !== 'aws-chunked');
    if (rest.length > 0) input.ContentEncoding = rest.join(', ');
    else delete input.ContentEncoding;
  }
  const decoded = req.headers['x-amz-decoded-content-length'];
  if (decoded !== undefined && input.ContentLength !== undefined && /^\d+$/.test(decoded.trim())) input.ContentLength = Number(decoded.trim());
}
