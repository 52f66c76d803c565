import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CidrSet } from './cidr-set.js';
import { parseList } from './formats.js';
import { formatCidr, parseCidr, rangeToCidrs } from './ip-address.js';
import { threatIntelFromLists } from './threat-intel.js';

const cidrs = (format: string, text: string): string[] => parseList(format, text).addresses.map((a) => a.cidr);

test('addresses and blocks parse to normal form; anything else does not parse', () => {
  assert.equal(formatCidr(parseCidr('205.1.2.3/8')!), '205.0.0.0/8');
  assert.equal(formatCidr(parseCidr('54.20.175.217')!), '54.20.175.217/32');
  assert.equal(formatCidr(parseCidr('2001:DB8:0:0:1::/64')!), '2001:db8::/64');
  assert.equal(formatCidr(parseCidr('::ffff:1.2.3.4')!), '::ffff:102:304/128');
  assert.equal(formatCidr(parseCidr('0.0.0.0/0')!), '0.0.0.0/0');
  for (const bad of ['1.2.3', '1.2.3.256', '01.2.3.4', '1.2.3.4/33', '1.2.3.4/', 'a::b::c', '1:2:3:4:5:6:7:8:9', 'example.com', '', '::/129', '1.2.3.4/-1']) {
    assert.equal(parseCidr(bad), undefined, bad);
  }
  assert.deepEqual(rangeToCidrs('10.0.0.0', '10.0.0.255')!.map(formatCidr), ['10.0.0.0/24']);
  assert.deepEqual(rangeToCidrs('10.0.0.1', '10.0.0.6')!.map(formatCidr), ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
  assert.equal(rangeToCidrs('10.0.0.9', '10.0.0.1'), undefined);
  assert.equal(rangeToCidrs('10.0.0.1', '::1'), undefined);
});

test('a CIDR set answers the most specific block holding an address, IPv4 and IPv6', () => {
  const set = new CidrSet<string>();
  assert.ok(set.add('205.0.0.0/8', 'wide'));
  assert.ok(set.add('205.1.2.0/24', 'narrow'));
  assert.ok(set.add('2001:db8::/32', 'v6'));
  assert.ok(!set.add('not an address', 'x'));
  assert.equal(set.get('205.1.2.3'), 'narrow');
  assert.equal(set.get('205.9.9.9'), 'wide');
  assert.equal(set.get('206.0.0.1'), undefined);
  assert.equal(set.get('2001:db8:ffff::1'), 'v6');
  assert.equal(set.get('2001:db9::1'), undefined);
  assert.equal(set.get('garbage'), undefined);
  assert.equal(set.size, 3);
});

test('TXT: one address, block or domain per line; comments and blanks skipped', () => {
  const parsed = parseList('TXT', '54.20.175.217\r\n205.0.0.0/8\n\n# a comment\nevil.example.com\n2001:db8::1  trailing words\nnot/valid\n');
  assert.deepEqual(parsed.addresses.map((a) => a.cidr), ['54.20.175.217/32', '205.0.0.0/8', '2001:db8::1/128']);
  assert.deepEqual(parsed.domains, ['evil.example.com']);
  assert.equal(parsed.rejected, 1);
});

test('STIX 1.x XML: addresses, lists, inclusive ranges and domains, with the indicator title as threat name', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<stix:STIX_Package xmlns:stix="http://stix.mitre.org/stix-1" xmlns:indicator="http://stix.mitre.org/Indicator-2">
  <stix:Indicators>
    <stix:Indicator xsi:type="indicator:IndicatorType">
      <indicator:Title>Known C2 &amp; scanners</indicator:Title>
      <indicator:Observable><cybox:Object><cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr">
        <AddressObj:Address_Value condition="Equals" apply_condition="ANY">198.51.100.1##comma##198.51.100.2</AddressObj:Address_Value>
      </cybox:Properties></cybox:Object></indicator:Observable>
    </stix:Indicator>
    <stix:Indicator xsi:type="indicator:IndicatorType">
      <indicator:Observable><cybox:Object><cybox:Properties xsi:type="AddressObj:AddressObjectType" category="ipv4-addr">
        <AddressObj:Address_Value condition="InclusiveBetween">10.0.0.0##comma##10.0.0.255</AddressObj:Address_Value>
      </cybox:Properties></cybox:Object></indicator:Observable>
      <indicator:Observable><cybox:Object><cybox:Properties xsi:type="DomainNameObj:DomainNameObjectType">
        <DomainNameObj:Value condition="Equals">bad.example.org</DomainNameObj:Value>
      </cybox:Properties></cybox:Object></indicator:Observable>
    </stix:Indicator>
  </stix:Indicators>
</stix:STIX_Package>`;
  const parsed = parseList('STIX', xml);
  assert.deepEqual(parsed.addresses, [
    { cidr: '198.51.100.1/32', threatNames: ['Known C2 & scanners'] },
    { cidr: '198.51.100.2/32', threatNames: ['Known C2 & scanners'] },
    { cidr: '10.0.0.0/24' },
  ]);
  assert.deepEqual(parsed.domains, ['bad.example.org']);
});

test('STIX 2.x JSON: indicator patterns on ipv4-addr, ipv6-addr and domain-name values', () => {
  const bundle = JSON.stringify({
    type: 'bundle',
    objects: [
      { type: 'indicator', name: 'Botnet', pattern: "[ipv4-addr:value = '203.0.113.0/24'] OR [ipv6-addr:value = '2001:db8::5']" },
      { type: 'indicator', pattern: "[domain-name:value = 'c2.example.net']" },
      { type: 'malware', name: 'ignored' },
    ],
  });
  const parsed = parseList('STIX', bundle);
  assert.deepEqual(parsed.addresses, [
    { cidr: '203.0.113.0/24', threatNames: ['Botnet'] },
    { cidr: '2001:db8::5/128', threatNames: ['Botnet'] },
  ]);
  assert.deepEqual(parsed.domains, ['c2.example.net']);
  assert.deepEqual(parseList('STIX', '{broken').addresses, []);
});

test('OTX CSV: address and domain indicators; the description names the threat', () => {
  const csv = 'Indicator type,Indicator,Description\nIPv4,192.0.2.10,"Scanner, mass"\nCIDR,192.0.2.128/25,\nURL,http://x.example/a,ignored\ndomain,evil.example,Phishing\n';
  const parsed = parseList('OTX_CSV', csv);
  assert.deepEqual(parsed.addresses, [{ cidr: '192.0.2.10/32', threatNames: ['Scanner, mass'] }, { cidr: '192.0.2.128/25' }]);
  assert.deepEqual(parsed.domains, ['evil.example']);
  assert.deepEqual(cidrs('OTX_CSV', 'IPv4,192.0.2.99,no header'), ['192.0.2.99/32']);
});

test('FireEye iSIGHT CSV: ip, sourceIp, cidr and domain columns, named by malware family and actor', () => {
  const csv = 'reportId,title,ip,cidr,domain,malwareFamily,actor\nr1,t,198.51.100.7,,evil.example,Emotet,TA542\nr2,t,,198.51.100.64/26,,,\n';
  const parsed = parseList('FIRE_EYE', csv);
  assert.deepEqual(parsed.addresses, [{ cidr: '198.51.100.7/32', threatNames: ['Emotet', 'TA542'] }, { cidr: '198.51.100.64/26' }]);
  assert.deepEqual(parsed.domains, ['evil.example']);
  assert.equal(parseList('FIRE_EYE', '1.2.3.4,5\n6.7.8.9,1').rejected, 2);
});

test('Proofpoint ET CSV: the first column, with or without a header', () => {
  assert.deepEqual(cidrs('PROOF_POINT', 'ip,category,score,first_seen,last_seen,ports (|)\n198.51.100.1,1,100,2020-01-01,2020-01-02,80|443\n'), ['198.51.100.1/32']);
  assert.deepEqual(cidrs('PROOF_POINT', '198.51.100.2,2,50,2020-01-01,2020-01-02,\n'), ['198.51.100.2/32']);
});

test('AlienVault reputation: #-separated fields, activity as threat names', () => {
  const parsed = parseList('ALIEN_VAULT', '198.51.100.3#4#2#Malicious Host;Scanning Host#US#New York#40.7,-74.0#3\n# comment\n');
  assert.deepEqual(parsed.addresses, [{ cidr: '198.51.100.3/32', threatNames: ['Malicious Host', 'Scanning Host'] }]);
});

test('threat intel from lists: matches per list and kind, trusted lists, scopes', () => {
  const intel = threatIntelFromLists([
    { kind: 'custom', name: 'mine', format: 'TXT', text: '198.51.100.0/24\n' },
    { kind: 'tor', name: 'tor-exits', format: 'TXT', text: '198.51.100.9\n' },
    { kind: 'custom', name: 'office', format: 'TXT', text: '203.0.113.5\n', trusted: true },
    { kind: 'guardduty', name: 'scoped', format: 'TXT', text: '192.0.2.1\n', scopes: [{ account: '111111111111', region: 'eu-west-1' }] },
  ]);
  assert.ok(intel.hasLists);
  assert.deepEqual(
    intel.lookup('198.51.100.9', '000000000000', 'us-east-1').map((m) => [m.kind, m.listName]),
    [['custom', 'mine'], ['tor', 'tor-exits']],
  );
  assert.deepEqual(intel.lookup('203.0.113.5', '000000000000', 'us-east-1'), []);
  assert.ok(intel.trusted('203.0.113.5', '000000000000', 'us-east-1'));
  assert.ok(!intel.trusted('198.51.100.9', '000000000000', 'us-east-1'));
  assert.equal(intel.lookup('192.0.2.1', '111111111111', 'us-east-1').length, 0);
  assert.equal(intel.lookup('192.0.2.1', '111111111111', 'eu-west-1')[0]?.kind, 'guardduty');
  assert.equal(threatIntelFromLists([]).hasLists, false);
});
