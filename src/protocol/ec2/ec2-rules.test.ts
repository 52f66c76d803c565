import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../core/aws-error.js';
import { loadServiceModel } from '../../models/index.js';
import { botocoreOracle, botocoreUnavailable } from '../../../test/support/botocore-oracle.js';
import { canonical } from '../../../test/support/compare.js';
import { errorOf } from '../../../test/support/errors.js';
import { formBody, formPost, queryGet } from '../query/testing/requests.js';
import { syntheticModel, syntheticTable, syntheticValue } from '../query/testing/synthetic-model.js';
import { ec2Codec } from './index.js';

/** The ec2 protocol's rules: EC2 naming, `Name.N` lists, the EC2 response and error documents. */
const ec2 = loadServiceModel('ec2');
const synth = syntheticModel('ec2');
const ctx = { requestId: '7a62c49f-347e-4fc4-9331-6e8eEXAMPLE' };

test('the DescribeInstances request of the EC2 API reference (GET, Filter.N.Value.N, auth parameters)', () => {
  const req = queryGet('Action=DescribeInstances&Filter.1.Name=instance-type&Filter.1.Value.1=m5.large&Filter.1.Value.2=t3.micro' +
    '&InstanceId.1=i-1234567890abcdef0&Version=2016-11-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fec2%2Faws4_request');
  const op = ec2Codec.resolveOperation(req, ec2);
  assert.deepEqual(ec2Codec.parseRequest(req, ec2, op), {
    Filters: [{ Name: 'instance-type', Values: ['m5.large', 't3.micro'] }],
    InstanceIds: ['i-1234567890abcdef0'],
  });
});

test('member names: queryName first, then the capitalized locationName, then the member name', () => {
  const req = formPost(formBody({ Action: 'Echo', Name: 'n', OtherName: 'renamed', QueryOnly: 'q', LocOnly: 'ignored', 'Wrapped.1': 'a', 'Wrapped.2': 'b', 'NestedList.1.Label': 'l' }));
  assert.deepEqual(ec2Codec.parseRequest(req, synth, ec2Codec.resolveOperation(req, synth)), {
    Name: 'n', Renamed: 'renamed', Queried: 'q', Wrapped: ['a', 'b'], NestedList: [{ Label: 'l' }],
  });
});

test('botocore agrees on the synthetic model, both ways', { skip: botocoreUnavailable() }, () => {
  const value = syntheticValue();
  const response = ec2Codec.serializeResponse(synth, synth.operation('Echo')!, value, ctx);
  const [result] = botocoreOracle([{ op: 'Echo', input: value, response }], syntheticTable('ec2'));
  assert.equal(result.failure, undefined);
  const req = formPost(result.request!.body);
  assert.deepEqual(canonical(ec2Codec.parseRequest(req, synth, ec2Codec.resolveOperation(req, synth))), canonical(value));
  const parsed = { ...result.parsed };
  delete parsed.ResponseMetadata;
  assert.deepEqual(canonical(parsed), canonical(value));
});

test('response document: versioned namespace, requestId, members directly, <item> lists', () => {
  const op = ec2.operation('DescribeInstances')!;
  const body = String(ec2Codec.serializeResponse(ec2, op, {
    Reservations: [{ ReservationId: 'r-1', Instances: [{ InstanceId: 'i-1', LaunchTime: new Date('2024-01-15T10:30:01Z') }] }],
  }, ctx).body);
  assert.equal(body, '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
    `<requestId>${ctx.requestId}</requestId><reservationSet><item><reservationId>r-1</reservationId>` +
    '<instancesSet><item><instanceId>i-1</instanceId><launchTime>2024-01-15T10:30:01Z</launchTime></item></instancesSet>' +
    '</item></reservationSet></DescribeInstancesResponse>');
  const none = ec2Codec.serializeResponse(ec2, ec2.operation('DeleteVpc')!, {}, ctx);
  assert.ok(String(none.body).endsWith(`<DeleteVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${ctx.requestId}</requestId></DeleteVpcResponse>`));
  assert.deepEqual(none.headers, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': ctx.requestId });
});

test('error document of the EC2 API reference', () => {
  const res = ec2Codec.serializeError(ec2, undefined, new AwsError('InvalidInstanceID.NotFound', "The instance ID 'i-1a2b3c4d' does not exist"), ctx);
  assert.equal(res.status, 400);
  assert.equal(res.body, '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>' +
    `<Message>The instance ID &apos;i-1a2b3c4d&apos; does not exist</Message></Error></Errors><RequestID>${ctx.requestId}</RequestID></Response>`);
  const modelled = ec2Codec.serializeError(synth, undefined, new AwsError('ConflictException', 'c', { fields: { ResourceId: 'r' } }), ctx);
  assert.equal(modelled.status, 409);
  assert.ok(String(modelled.body).includes('<Code>Conflict</Code><Message>c</Message><ResourceId>r</ResourceId></Error>'));
});

test('unknown, missing and wrongly versioned actions', () => {
  const unknown = errorOf(() => ec2Codec.resolveOperation(formPost('Action=DescribeNothing&Version=2016-11-15'), ec2));
  assert.deepEqual([unknown.code, unknown.status, unknown.message], ['InvalidAction', 400, 'The action DescribeNothing is not valid for this web service.']);
  const missing = errorOf(() => ec2Codec.resolveOperation(queryGet('Version=2016-11-15'), ec2));
  assert.deepEqual([missing.code, missing.status], ['MissingAction', 400]);
  const version = errorOf(() => ec2Codec.resolveOperation(formPost('Action=DescribeVpcs&Version=2099-01-01'), ec2));
  assert.deepEqual([version.code, version.status, version.message], ['NoSuchVersion', 400, 'The requested version (2099-01-01) of service AmazonEC2 does not exist']);
});

test('malformed values are InvalidParameterValue naming the parameter', () => {
  const req = formPost('Action=DescribeInstances&Filter.1.Name=a&MaxResults=ten');
  const err = errorOf(() => ec2Codec.parseRequest(req, ec2, ec2Codec.resolveOperation(req, ec2)));
  assert.deepEqual([err.code, err.status, err.message], ['InvalidParameterValue', 400, 'Value (ten) for parameter MaxResults is invalid. Expected an integer.']);
  const nested = formPost('Action=Echo&NestedList.2.Inner.Depth=x');
  const deep = errorOf(() => ec2Codec.parseRequest(nested, synth, synth.operation('Echo')!));
  assert.equal(deep.message, 'Value (x) for parameter NestedList.2.Inner.Depth is invalid. Expected an integer.');
});

test('validation errors: MissingParameter for a missing member, InvalidParameterValue otherwise', () => {
  const missing = ec2Codec.validationError(["Value null at 'vpcId' failed to satisfy constraint: Member must not be null"]);
  assert.deepEqual([missing.code, missing.status, missing.message], ['MissingParameter', 400, 'The request must contain the parameter VpcId']);
  const invalid = ec2Codec.validationError(["Value 'x1' at 'filters.1.member.name' failed to satisfy constraint: Member must have length less than or equal to 1"]);
  assert.deepEqual([invalid.code, invalid.message], ['InvalidParameterValue', 'Value (x1) for parameter Filters.1.Name is invalid. Member must have length less than or equal to 1']);
});
