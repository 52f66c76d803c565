import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../core/aws-error.js';
import { AuthFailure, type AuthFailureDetail, type AuthFailureReason } from './auth-failure.js';
import { AUTH_ERROR_TABLE, authErrorFor, PROTOCOL_FAMILIES, type ProtocolFamily } from './auth-errors.js';

const REASONS: AuthFailureReason[] = [
  'missing',
  'incomplete',
  'malformed',
  'unsupported-algorithm',
  'scope-mismatch',
  'unknown-key',
  'invalid-token',
  'token-expired',
  'signature-mismatch',
  'skewed',
  'expired',
  'not-yet-valid',
  'content-hash-mismatch',
];

const err = (reason: AuthFailureReason, family: ProtocolFamily, detail: AuthFailureDetail = {}): AwsError => authErrorFor(new AuthFailure(reason, 'test', detail), family);

function expectError(error: AwsError, code: string, status: number, message?: string | RegExp): void {
  assert.ok(error instanceof AwsError);
  assert.equal(error.code, code);
  assert.equal(error.status, status);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
}

describe('auth error table', () => {
  it('maps every reason for every protocol family', () => {
    for (const reason of REASONS) {
      for (const family of PROTOCOL_FAMILIES) {
        assert.ok(AUTH_ERROR_TABLE[reason]?.[family], `${reason} has no ${family} row`);
        const error = err(reason, family, { form: 'header' });
        assert.ok(error.code && error.message, `${reason}/${family}`);
        assert.ok(error.status >= 400 && error.status < 600);
      }
    }
  });

  it('only has rows for known reasons, problems and forms', () => {
    for (const key of Object.keys(AUTH_ERROR_TABLE)) {
      const reason = key.split(/[:@]/)[0] as AuthFailureReason;
      assert.ok(REASONS.includes(reason), `unknown reason in key ${key}`);
      for (const family of Object.keys(AUTH_ERROR_TABLE[key])) assert.ok(PROTOCOL_FAMILIES.includes(family as ProtocolFamily));
    }
  });
});

describe('query protocol (STS, IAM)', () => {
  it('uses the documented codes and texts', () => {
    expectError(err('unknown-key', 'query'), 'InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    expectError(
      err('signature-mismatch', 'query', { canonicalRequest: 'x', stringToSign: 'y' }),
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    expectError(err('missing', 'query'), 'MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
    expectError(err('expired', 'query', { form: 'query' }), 'RequestExpired', 400, 'Request has expired.');
    expectError(err('token-expired', 'query'), 'ExpiredToken', 403, 'The security token included in the request is expired');
    expectError(err('invalid-token', 'query', { problem: 'token-mismatch' }), 'InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
  });

  it('words clock skew like AWS, in both directions', () => {
    const past = err('skewed', 'query', { requestTime: '20130524T000000Z', requestDate: new Date('2013-05-24T00:00:00Z'), serverTime: new Date('2013-05-24T00:16:00Z') });
    expectError(past, 'SignatureDoesNotMatch', 403, 'Signature expired: 20130524T000000Z is now earlier than 20130524T000100Z (20130524T001600Z - 15 min.)');
    const future = err('skewed', 'json', { requestTime: '20130524T003000Z', requestDate: new Date('2013-05-24T00:30:00Z'), serverTime: new Date('2013-05-24T00:00:00Z') });
    expectError(future, 'InvalidSignatureException', 400, 'Signature not yet current: 20130524T003000Z is still later than 20130524T001500Z (20130524T000000Z + 15 min.)');
  });

  it('lists missing Authorization parts and echoes the header', () => {
    const error = err('incomplete', 'query', { form: 'header', missing: ['Signature', 'Date'], authorization: 'AWS4-HMAC-SHA256 Credential=A/20130524/us-east-1/sts/aws4_request' });
    expectError(
      error,
      'IncompleteSignature',
      400,
      "Authorization header requires 'Signature' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=A/20130524/us-east-1/sts/aws4_request",
    );
    const query = err('incomplete', 'query', { form: 'query', missing: ['X-Amz-Date'] });
    expectError(query, 'IncompleteSignature', 400, "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.");
    const basic = err('unsupported-algorithm', 'rest-json', { form: 'header', authorization: 'Basic abc' });
    expectError(basic, 'IncompleteSignatureException', 403, /^Authorization header requires 'Credential' parameter\. .* Authorization=Basic abc$/);
  });

  it('explains scope problems', () => {
    expectError(err('scope-mismatch', 'query', { problem: 'scope-region', value: 'eu-west-9' }), 'SignatureDoesNotMatch', 403, "Credential should be scoped to a valid region, not 'eu-west-9'. ");
    expectError(err('scope-mismatch', 'query', { problem: 'scope-service', value: 'iam', expected: 'sts' }), 'SignatureDoesNotMatch', 403, "Credential should be scoped to correct service: 'sts'. ");
    expectError(
      err('scope-mismatch', 'json', { problem: 'scope-date', value: '20130524', expected: '20130525', requestTime: '20130525T000000Z' }),
      'InvalidSignatureException',
      400,
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20130524' != '20130525', from '20130525T000000Z'.",
    );
  });
});

describe('JSON protocols (KMS, GuardDuty...)', () => {
  it('uses the Coral exception names', () => {
    expectError(err('unknown-key', 'json'), 'UnrecognizedClientException', 400, 'The security token included in the request is invalid.');
    expectError(err('unknown-key', 'rest-json'), 'UnrecognizedClientException', 403);
    expectError(err('missing', 'json'), 'MissingAuthenticationTokenException', 400, 'Missing Authentication Token');
    expectError(err('token-expired', 'json'), 'ExpiredTokenException', 400, 'The security token included in the request is expired');
    expectError(err('incomplete', 'json', { form: 'header', missing: ['Credential'] }), 'IncompleteSignatureException', 400);
  });

  it('shows the canonical request and string-to-sign on a signature mismatch', () => {
    const error = err('signature-mismatch', 'json', { canonicalRequest: 'POST\n/\n\nhost:x\n\nhost\nabc', stringToSign: 'AWS4-HMAC-SHA256\n20130524T000000Z\nscope\nhash' });
    expectError(error, 'InvalidSignatureException', 400);
    assert.equal(
      error.message,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
        "The Canonical String for this request should have been\n'POST\n/\n\nhost:x\n\nhost\nabc'\n\n" +
        "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20130524T000000Z\nscope\nhash'\n",
    );
  });
});

describe('S3 (rest-xml)', () => {
  it('uses S3 codes with their extra fields', () => {
    const unknown = err('unknown-key', 'rest-xml', { accessKeyId: 'AKIDX' });
    expectError(unknown, 'InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.');
    assert.deepEqual(unknown.fields, { AWSAccessKeyId: 'AKIDX' });

    const mismatch = err('signature-mismatch', 'rest-xml', { accessKeyId: 'AKIDX', stringToSign: 'AB', signatureProvided: 'ff', canonicalRequest: 'GET' });
    expectError(mismatch, 'SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    assert.deepEqual(mismatch.fields, { AWSAccessKeyId: 'AKIDX', StringToSign: 'AB', SignatureProvided: 'ff', StringToSignBytes: '41 42', CanonicalRequest: 'GET', CanonicalRequestBytes: '47 45 54' });

    const skew = err('skewed', 'rest-xml', { requestTime: '20130524T000000Z', serverTime: new Date('2013-05-24T00:20:00.123Z') });
    expectError(skew, 'RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.');
    assert.deepEqual(skew.fields, { RequestTime: '20130524T000000Z', ServerTime: '2013-05-24T00:20:00Z', MaxAllowedSkewMilliseconds: 900000 });

    const expired = err('expired', 'rest-xml', { form: 'query', expiresSeconds: 60, expiresAt: new Date('2013-05-24T00:01:00Z'), serverTime: new Date('2013-05-24T00:02:00Z') });
    expectError(expired, 'AccessDenied', 403, 'Request has expired');
    assert.deepEqual(expired.fields, { 'X-Amz-Expires': 60, Expires: '2013-05-24T00:01:00Z', ServerTime: '2013-05-24T00:02:00Z' });

    const hash = err('content-hash-mismatch', 'rest-xml', { clientHash: 'a'.repeat(64), computedHash: 'b'.repeat(64) });
    expectError(hash, 'XAmzContentSHA256Mismatch', 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
    assert.deepEqual(hash.fields, { ClientComputedContentSHA256: 'a'.repeat(64), S3ComputedContentSHA256: 'b'.repeat(64) });

    expectError(err('invalid-token', 'rest-xml', { problem: 'token-mismatch', token: 'T' }), 'InvalidToken', 400, 'The provided token is malformed or otherwise invalid.');
    expectError(err('token-expired', 'rest-xml', { token: 'T' }), 'ExpiredToken', 400, 'The provided token has expired.');
  });

  it('names the malformed part per form', () => {
    expectError(
      err('malformed', 'rest-xml', { form: 'header', problem: 'credential', value: 'x' }),
      'AuthorizationHeaderMalformed',
      400,
      'The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
    expectError(err('malformed', 'rest-xml', { form: 'query', problem: 'credential' }), 'AuthorizationQueryParametersError', 400, /^Error parsing the X-Amz-Credential parameter; the Credential is mal-formed/);
    expectError(err('malformed', 'rest-xml', { form: 'query', problem: 'expires-too-large' }), 'AuthorizationQueryParametersError', 400, /604800 seconds$/);
    expectError(err('malformed', 'rest-xml', { form: 'query', problem: 'expires', value: '-5' }), 'AuthorizationQueryParametersError', 400, 'X-Amz-Expires must be non-negative');
    expectError(err('incomplete', 'rest-xml', { form: 'query', missing: ['X-Amz-Date'] }), 'AuthorizationQueryParametersError', 400, /^Query-string authentication version 4 requires/);
    expectError(err('incomplete', 'rest-xml', { form: 'header', problem: 'date' }), 'AccessDenied', 403, 'AWS authentication requires a valid Date or x-amz-date header');
    expectError(err('incomplete', 'rest-xml', { form: 'header', problem: 'content-sha256' }), 'InvalidRequest', 400, 'Missing required header for this request: x-amz-content-sha256');
    const region = err('scope-mismatch', 'rest-xml', { form: 'header', problem: 'scope-region', value: 'us-east-1', expected: 'eu-west-1' });
    expectError(region, 'AuthorizationHeaderMalformed', 400, "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'");
    assert.deepEqual(region.fields, { Region: 'eu-west-1' });
    expectError(err('unsupported-algorithm', 'rest-xml', { form: 'header', authorization: 'AWS A:B' }), 'InvalidArgument', 400, 'Unsupported Authorization Type');
  });
});

describe('EC2', () => {
  it('answers AuthFailure for credential and signature problems', () => {
    for (const reason of ['unknown-key', 'signature-mismatch', 'invalid-token', 'content-hash-mismatch'] as const) {
      expectError(err(reason, 'ec2'), 'AuthFailure', 401, 'AWS was not able to validate the provided access credentials');
    }
    expectError(err('skewed', 'ec2'), 'RequestExpired', 400, 'Request has expired.');
  });
});
