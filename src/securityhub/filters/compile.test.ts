import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileFilters, FilterError, findingMatches } from './compile.js';

const NOW = Date.parse('2024-06-30T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW - n * 86_400_000).toISOString();

const FINDING = {
  Id: 'finding-1',
  AwsAccountId: '111111111111',
  Title: 'CloudFront distribution is public',
  Types: ['TTPs/Initial Access', 'Effects/Data Exposure'],
  Severity: { Label: 'HIGH', Normalized: 70 },
  UpdatedAt: daysAgo(3),
  CreatedAt: daysAgo(40),
  ProductFields: { 'aws/guardduty/service/count': '3', team: 'blue' },
  Resources: [
    { Type: 'AwsEc2Instance', Id: 'i-1', Tags: { Department: 'Security team' }, Details: { AwsEc2Instance: { IpV4Addresses: ['10.1.2.3', '54.0.0.1'] } } },
    { Type: 'AwsIamAccessKey', Id: 'AKIA1' },
  ],
  Network: { SourceIpV6: '2001:db8::1', SourcePort: 443 },
  Sample: true,
};

const matches = (filters: object, finding: object = FINDING, automationRules = false) => findingMatches(compileFilters(filters, { now: NOW, automationRules }), finding);
const s = (Comparison: string, Value: string) => ({ Comparison, Value });

describe('Security Hub finding filters', () => {
  test('string comparisons: EQUALS, PREFIX, CONTAINS hit; NOT_EQUALS, PREFIX_NOT_EQUALS, NOT_CONTAINS exclude', () => {
    assert.equal(matches({ AwsAccountId: [s('EQUALS', '111111111111')] }), true);
    assert.equal(matches({ AwsAccountId: [s('EQUALS', '11111111111')] }), false);
    assert.equal(matches({ ResourceType: [s('PREFIX', 'AwsIam')] }), true, 'any resource may match');
    assert.equal(matches({ Title: [s('CONTAINS', 'CloudFront')] }), true);
    assert.equal(matches({ Title: [s('CONTAINS', 'cloudfront')] }), false, 'case sensitive');
    assert.equal(matches({ AwsAccountId: [s('NOT_EQUALS', '222222222222')] }), true);
    assert.equal(matches({ ResourceType: [s('NOT_EQUALS', 'AwsIamAccessKey')] }), false, 'no value may equal a NOT_EQUALS');
    assert.equal(matches({ ResourceId: [s('PREFIX_NOT_EQUALS', 'i-')] }), false);
    assert.equal(matches({ ResourceId: [s('PREFIX_NOT_EQUALS', 'arn:')] }), true);
    assert.equal(matches({ Title: [s('NOT_CONTAINS', 'CloudWatch')] }), true);
    assert.equal(matches({ Title: [s('NOT_CONTAINS', 'public')] }), false);
  });

  test('positive filters on one attribute are joined by OR, negative ones by AND; PREFIX then NOT_EQUALS', () => {
    assert.equal(matches({ Title: [s('CONTAINS', 'CloudWatch'), s('CONTAINS', 'CloudFront')] }), true);
    assert.equal(matches({ Title: [s('NOT_CONTAINS', 'CloudWatch'), s('NOT_CONTAINS', 'public')] }), false);
    assert.equal(matches({ ResourceType: [s('PREFIX', 'AwsEc2'), s('NOT_EQUALS', 'AwsEc2Instance')] }), false);
    assert.equal(matches({ ResourceType: [s('PREFIX', 'AwsEc2'), s('NOT_EQUALS', 'AwsEc2Volume')] }), true);
    assert.equal(matches({ SeverityLabel: [s('EQUALS', 'LOW'), s('EQUALS', 'HIGH')] }), true);
    assert.equal(matches({ SeverityLabel: [s('EQUALS', 'HIGH')], AwsAccountId: [s('EQUALS', 'x')] }), false, 'attributes are joined by AND');
  });

  test('a finding without the attribute fails positive filters and passes negative ones', () => {
    assert.equal(matches({ NoteText: [s('EQUALS', 'x')] }), false);
    assert.equal(matches({ NoteText: [s('NOT_EQUALS', 'x')] }), true);
  });

  test('the combinations AWS refuses are errors; CONTAINS_WORD belongs to the V2 APIs', () => {
    for (const list of [
      [s('CONTAINS', 'a'), s('EQUALS', 'b')],
      [s('NOT_CONTAINS', 'a'), s('NOT_EQUALS', 'b')],
      [s('EQUALS', 'a'), s('NOT_EQUALS', 'b')],
      [s('EQUALS', 'a'), s('PREFIX_NOT_EQUALS', 'b')],
      [s('CONTAINS_WORD', 'a')],
      [{ Value: 'a' }],
      [{ Comparison: 'EQUALS' }],
    ]) {
      assert.throws(() => compileFilters({ Title: list }), FilterError, JSON.stringify(list));
    }
    assert.throws(() => compileFilters({ NotAnAttribute: [s('EQUALS', 'a')] }), FilterError);
  });

  test('at most 10 attributes and 20 filters per attribute (not for automation rules)', () => {
    const many = Object.fromEntries(['Id', 'Title', 'Description', 'Region', 'AwsAccountId', 'GeneratorId', 'ProductArn', 'ProductName', 'CompanyName', 'SourceUrl', 'Type'].map((f) => [f, [s('PREFIX', 'a')]]));
    assert.throws(() => compileFilters(many), /at most 10/);
    assert.doesNotThrow(() => compileFilters(many, { automationRules: true }));
    assert.throws(() => compileFilters({ Title: Array.from({ length: 21 }, () => s('CONTAINS', 'a')) }), /at most 20/);
  });

  test('number filters: Gte, Lte, Eq, Gt, Lt, all of one filter; filters joined by OR', () => {
    assert.equal(matches({ SeverityNormalized: [{ Gte: 70 }] }), true);
    assert.equal(matches({ SeverityNormalized: [{ Gt: 70 }] }), false);
    assert.equal(matches({ SeverityNormalized: [{ Lte: 70, Gte: 40 }] }), true);
    assert.equal(matches({ SeverityNormalized: [{ Lt: 70 }] }), false);
    assert.equal(matches({ SeverityNormalized: [{ Eq: 70 }] }), true);
    assert.equal(matches({ SeverityNormalized: [{ Eq: 40 }, { Eq: 70 }] }), true);
    assert.equal(matches({ NetworkSourcePort: [{ Eq: 443 }] }), true);
    assert.equal(matches({ Confidence: [{ Gte: 0 }] }), false, 'no value');
    assert.throws(() => compileFilters({ Confidence: [{}] }), FilterError);
  });

  test('date filters: Start and End (inclusive), DateRange WITHIN and OLDER_THAN days', () => {
    assert.equal(matches({ UpdatedAt: [{ Start: daysAgo(4), End: daysAgo(2) }] }), true);
    assert.equal(matches({ UpdatedAt: [{ Start: daysAgo(3) }] }), true, 'inclusive');
    assert.equal(matches({ UpdatedAt: [{ End: daysAgo(4) }] }), false);
    assert.equal(matches({ UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] }), true, 'WITHIN by default');
    assert.equal(matches({ UpdatedAt: [{ DateRange: { Value: 2, Unit: 'DAYS', Comparison: 'WITHIN' } }] }), false);
    assert.equal(matches({ CreatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }] }), true);
    assert.equal(matches({ UpdatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }] }), false);
    for (const bad of [{}, { Start: 'yesterday' }, { DateRange: { Unit: 'DAYS' } }, { Start: daysAgo(1), DateRange: { Value: 1, Unit: 'DAYS' } }]) {
      assert.throws(() => compileFilters({ UpdatedAt: [bad] }), FilterError, JSON.stringify(bad));
    }
  });

  test('map filters: EQUALS and NOT_EQUALS by key; CONTAINS and NOT_CONTAINS only in automation rules', () => {
    assert.equal(matches({ ProductFields: [{ Key: 'team', Value: 'blue', Comparison: 'EQUALS' }] }), true);
    assert.equal(matches({ ProductFields: [{ Key: 'team', Value: 'red', Comparison: 'EQUALS' }] }), false);
    assert.equal(matches({ ProductFields: [{ Key: 'team', Value: 'red', Comparison: 'NOT_EQUALS' }] }), true);
    assert.equal(matches({ ProductFields: [{ Key: 'other', Value: 'blue', Comparison: 'NOT_EQUALS' }] }), true);
    assert.equal(matches({ ResourceTags: [{ Key: 'Department', Value: 'Security team', Comparison: 'EQUALS' }] }), true);
    assert.throws(() => compileFilters({ ResourceTags: [{ Key: 'Department', Value: 'Security', Comparison: 'CONTAINS' }] }), FilterError);
    assert.equal(matches({ ResourceTags: [{ Key: 'Department', Value: 'Security', Comparison: 'CONTAINS' }] }, FINDING, true), true);
    assert.equal(matches({ ResourceTags: [{ Key: 'Department', Value: 'Security', Comparison: 'NOT_CONTAINS' }] }, FINDING, true), false);
    assert.throws(() => compileFilters({ ProductFields: [{ Value: 'x', Comparison: 'EQUALS' }] }), FilterError);
  });

  test('IP filters: addresses inside a CIDR block, IPv4 and IPv6', () => {
    assert.equal(matches({ ResourceAwsEc2InstanceIpV4Addresses: [{ Cidr: '10.0.0.0/8' }] }), true);
    assert.equal(matches({ ResourceAwsEc2InstanceIpV4Addresses: [{ Cidr: '192.168.0.0/16' }] }), false);
    assert.equal(matches({ ResourceAwsEc2InstanceIpV4Addresses: [{ Cidr: '54.0.0.1' }] }), true, 'an address alone is its /32');
    assert.equal(matches({ NetworkSourceIpV6: [{ Cidr: '2001:db8::/32' }] }), true);
    assert.equal(matches({ NetworkSourceIpV6: [{ Cidr: '10.0.0.0/8' }] }), false);
    assert.throws(() => compileFilters({ NetworkSourceIpV4: [{ Cidr: '10.0.0.0/33' }] }), FilterError);
  });

  test('boolean and keyword filters', () => {
    assert.equal(matches({ Sample: [{ Value: true }] }), true);
    assert.equal(matches({ Sample: [{ Value: false }] }), false);
    assert.equal(matches({ Sample: [{ Value: false }] }, { Title: 'x' }), true, 'no Sample is not a sample');
    assert.equal(matches({ Keyword: [{ Value: 'public' }] }), true);
    assert.equal(matches({ Keyword: [{ Value: 'private' }] }), false);
  });

  test('empty filter lists constrain nothing', () => {
    assert.equal(matches({ Title: [], AwsAccountId: [] }), true);
    assert.equal(matches({}), true);
  });
});
