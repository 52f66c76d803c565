import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newFinding, type Finding } from '../../guardduty/finding.js';
import { eventFromRecord } from '../../guardduty/trail-event.js';
import { compileCriteria, wildcardMatch } from './finding-criteria.js';
import { findingField } from './finding-fields.js';
import { findingToJson } from './finding-json.js';
import { sortFindings } from './finding-sort.js';

function finding(overrides: { type?: string; severity?: number; ip?: string; user?: string; time?: string; bucket?: string } = {}): Finding {
  const event = eventFromRecord({
    eventTime: overrides.time ?? '2024-05-01T10:00:00Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'eu-west-1',
    sourceIPAddress: overrides.ip ?? '198.51.100.7',
    recipientAccountId: '111122223333',
    userIdentity: { type: 'IAMUser', userName: overrides.user ?? 'alice', accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::111122223333:user/alice' },
  });
  const detection = {
    type: overrides.type ?? 'Stealth:IAMUser/CloudTrailLoggingDisabled',
    severity: overrides.severity ?? 2,
    event,
    title: 't',
    description: 'd',
    ...(overrides.bucket && { buckets: [{ name: overrides.bucket }] }),
    threatIntelligence: [{ ThreatListName: 'bad-ips', ThreatNames: [] }],
  };
  return newFinding(detection, { detectorId: 'd'.repeat(32) }, new Date(overrides.time ?? '2024-05-01T10:00:00Z'));
}

const matches = (criterion: Record<string, unknown>, f: Finding): boolean => compileCriteria({ Criterion: criterion })(f);

test('documented fields resolve through the model, lists and additional info included', () => {
  const f = finding({ bucket: 'logs' });
  assert.deepEqual(findingField('resource.accessKeyDetails.userName')!.values(f), ['alice']);
  assert.deepEqual(findingField('service.action.awsApiCallAction.remoteIpDetails.ipAddressV4')!.values(f), ['198.51.100.7']);
  assert.deepEqual(findingField('resource.s3BucketDetails.name')!.values(f), ['logs']);
  assert.deepEqual(findingField('service.additionalInfo.threatListName')!.values(f), ['bad-ips']);
  assert.deepEqual(findingField('updatedAt')!.values(f), [Date.parse('2024-05-01T10:00:00Z')]);
  assert.equal(findingField('severity')!.kind, 'number');
  assert.equal(findingField('service.archived')!.kind, 'boolean');
  assert.equal(findingField('no.such.field'), undefined);
  assert.equal(findingField('resource'), undefined);
});

test('Eq/Neq/Equals/NotEquals, comparisons, wildcards; every criterion must hold', () => {
  const f = finding({ severity: 5 });
  assert.ok(matches({ type: { Eq: ['Stealth:IAMUser/CloudTrailLoggingDisabled'] } }, f));
  assert.ok(!matches({ type: { Neq: ['Stealth:IAMUser/CloudTrailLoggingDisabled'] } }, f));
  assert.ok(matches({ severity: { Equals: ['5'] } }, f));
  assert.ok(matches({ severity: { Gte: 5, Lt: 8 } }, f));
  assert.ok(!matches({ severity: { GreaterThan: 5 } }, f));
  assert.ok(matches({ 'service.archived': { Eq: ['false'] } }, f));
  assert.ok(matches({ 'service.archived': { NotEquals: ['TRUE'] } }, f));
  assert.ok(matches({ updatedAt: { GreaterThanOrEqual: Date.parse('2024-05-01T09:00:00Z'), LessThanOrEqual: Date.parse('2024-05-01T10:00:00Z') } }, f));
  assert.ok(matches({ 'resource.accessKeyDetails.userName': { Matches: ['al*'] } }, f));
  assert.ok(!matches({ 'resource.accessKeyDetails.userName': { NotMatches: ['?lice'] } }, f));
  assert.ok(!matches({ type: { Eq: ['Stealth:IAMUser/CloudTrailLoggingDisabled'] }, severity: { Gt: 5 } }, f));
  assert.ok(matches({ 'resource.s3BucketDetails.name': { Neq: ['x'] } }, f), 'an absent field is not equal to anything');
  assert.ok(compileCriteria(undefined)(f));
});

test('a criterion without an operator, of the wrong type, or on an unknown field is invalid', () => {
  for (const criterion of [{ severity: {} }, { severity: { Eq: [1] } }, { severity: { Gt: '5' } }, { 'not.a.field': { Eq: ['x'] } }, { severity: null }]) {
    assert.throws(() => compileCriteria({ Criterion: criterion }), (err: any) => err.code === 'BadRequestException' && /findingCriteria/.test(err.message), JSON.stringify(criterion));
  }
});

test('wildcards: * any run, ? one character, linear on hostile patterns', () => {
  assert.ok(wildcardMatch('a*c', 'abbbc'));
  assert.ok(wildcardMatch('*', ''));
  assert.ok(wildcardMatch('a?c', 'abc'));
  assert.ok(!wildcardMatch('a?c', 'ac'));
  assert.ok(!wildcardMatch('a*d', 'abc'));
  const started = performance.now();
  assert.ok(!wildcardMatch('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5_000)));
  assert.ok(performance.now() - started < 500);
});

test('sorting by a field, ASC by default, DESC on request; newest update first without criteria', () => {
  const low = finding({ severity: 2, user: 'a', time: '2024-05-01T10:00:00Z' });
  const high = finding({ severity: 8, user: 'b', type: 'X:IAMUser/Y', time: '2024-05-02T10:00:00Z' });
  assert.deepEqual(sortFindings([high, low], { AttributeName: 'severity' }).map((f) => f.Severity), [2, 8]);
  assert.deepEqual(sortFindings([low, high], { AttributeName: 'severity', OrderBy: 'DESC' }).map((f) => f.Severity), [8, 2]);
  assert.deepEqual(sortFindings([low, high], undefined).map((f) => f.Severity), [8, 2]);
  assert.throws(() => sortFindings([low], { AttributeName: 'bogus' }), /sortCriteria/);
});

test('the JSON form of a finding uses the wire member names', () => {
  const json = findingToJson(finding()) as any;
  assert.equal(json.accountId, '111122223333');
  assert.equal(json.service.action.awsApiCallAction.remoteIpDetails.ipAddressV4, '198.51.100.7');
  assert.equal(json.service.action.awsApiCallAction.remoteIpDetails.geoLocation.lat, 0);
  assert.equal(json.resource.accessKeyDetails.userName, 'alice');
  assert.equal(json.service.evidence.threatIntelligenceDetails[0].threatListName, 'bad-ips');
});
