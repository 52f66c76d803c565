/**
 * The event pattern table: for every operator of EventBridge's pattern language, events it
 * must match, events it must not, and patterns AWS refuses with its reason and location. The
 * examples follow AWS's user guide ("Content filtering in event patterns", "Arrays in event
 * patterns"); the refusal reasons are those of AWS's pattern compiler, the locations Jackson's
 * (checked against AWS's answer `"lenderId" must be an object or an array … column: 56`).
 * Used by the unit tests of src/events/pattern and, through the SDK, by TestEventPattern.
 */

export interface MatchCase {
  operator: string;
  pattern: Record<string, unknown>;
  /** Event fields (merged into a complete event) the pattern matches. */
  matches: Array<Record<string, unknown>>;
  misses: Array<Record<string, unknown>>;
}

export interface InvalidCase {
  operator: string;
  pattern: string;
  /** The whole message after "Event pattern is not valid. Reason: ". */
  reason: string;
}

/** A complete event (TestEventPattern requires id, account, source, time, region, resources, detail-type). */
export function completeEvent(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '111122223333',
    time: '2017-12-22T18:43:48Z',
    region: 'us-west-1',
    resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
    detail: {},
    ...fields,
  };
}

const d = (detail: Record<string, unknown>) => ({ detail });

export const MATCH_CASES: MatchCase[] = [
  {
    operator: 'exact string',
    pattern: { source: ['aws.ec2', 'aws.fargate'], 'detail-type': ['EC2 Instance State-change Notification'] },
    matches: [{}, { source: 'aws.fargate' }],
    misses: [{ source: 'aws.ec2x' }, { source: 'AWS.EC2' }, { 'detail-type': 'EC2 instance state-change notification' }],
  },
  {
    operator: 'exact number',
    pattern: { detail: { count: [300] } },
    matches: [d({ count: 300 }), d({ count: 3.0e2 }), d({ count: [1, 300] })],
    misses: [d({ count: '300' }), d({ count: 301 }), d({})],
  },
  {
    operator: 'null, true, false',
    pattern: { detail: { a: [null], b: [true], c: [false] } },
    matches: [d({ a: null, b: true, c: false })],
    misses: [d({ b: true, c: false }), d({ a: 'null', b: true, c: false }), d({ a: null, b: 'true', c: false }), d({ a: null, b: true, c: 0 })],
  },
  {
    operator: 'empty string',
    pattern: { detail: { name: [''] } },
    matches: [d({ name: '' })],
    misses: [d({}), d({ name: null }), d({ name: ' ' })],
  },
  {
    operator: 'prefix',
    pattern: { time: [{ prefix: '2017-10-02' }] },
    matches: [{ time: '2017-10-02T18:43:48Z' }, { time: '2017-10-02' }],
    misses: [{ time: '2017-10-03T18:43:48Z' }, { time: '2017-10-0' }],
  },
  {
    operator: 'prefix on numbers',
    pattern: { detail: { n: [{ prefix: '12' }] } },
    matches: [d({ n: '123' })],
    misses: [d({ n: 123 })],
  },
  {
    operator: 'prefix equals-ignore-case',
    pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    matches: [d({ service: 'EventBridge' }), d({ service: 'eventbridge' }), d({ service: 'EVENTB' })],
    misses: [d({ service: 'Events' }), d({ service: 'xEventBridge' })],
  },
  {
    operator: 'suffix',
    pattern: { detail: { FileName: [{ suffix: '.png' }] } },
    matches: [d({ FileName: 'image.png' }), d({ FileName: '.png' })],
    misses: [d({ FileName: 'image.PNG' }), d({ FileName: 'image.png.jpg' })],
  },
  {
    operator: 'suffix equals-ignore-case',
    pattern: { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    matches: [d({ FileName: 'image.PNG' }), d({ FileName: 'image.pNg' })],
    misses: [d({ FileName: 'image.jpg' })],
  },
  {
    operator: 'anything-but string',
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    matches: [d({ state: 'running' }), d({ state: 'INITIALIZING' }), d({ state: 5 }), d({ state: ['initializing', 'stopped'] })],
    misses: [d({ state: 'initializing' }), d({})],
  },
  {
    operator: 'anything-but number',
    pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    matches: [d({ 'x-limit': 456 }), d({ 'x-limit': '123' })],
    misses: [d({ 'x-limit': 123 }), d({ 'x-limit': 123.0 })],
  },
  {
    operator: 'anything-but list of strings',
    pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    matches: [d({ state: 'running' })],
    misses: [d({ state: 'stopped' }), d({ state: 'overloaded' })],
  },
  {
    operator: 'anything-but list of numbers',
    pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    matches: [d({ 'x-limit': 400 })],
    misses: [d({ 'x-limit': 200 })],
  },
  {
    operator: 'anything-but prefix',
    pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    matches: [d({ state: 'running' }), d({ state: 'Initializing' })],
    misses: [d({ state: 'initializing' })],
  },
  {
    operator: 'anything-but prefix list',
    pattern: { region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] },
    matches: [{ region: 'ap-south-1' }],
    misses: [{ region: 'us-east-1' }, { region: 'eu-west-1' }],
  },
  {
    operator: 'anything-but suffix',
    pattern: { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    matches: [d({ FileName: 'notes.png' })],
    misses: [d({ FileName: 'notes.txt' })],
  },
  {
    operator: 'anything-but equals-ignore-case',
    pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } },
    matches: [d({ state: 'running' })],
    misses: [d({ state: 'STOPPED' }), d({ state: 'overloaded' })],
  },
  {
    operator: 'anything-but wildcard',
    pattern: { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    matches: [d({ FilePath: '/usr/bin/env' })],
    misses: [d({ FilePath: '/usr/lib/libc.so' })],
  },
  {
    operator: 'numeric range',
    pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    matches: [d({ 'c-count': 5 }), d({ 'c-count': 0.000001 }), d({ 'c-count': [9, 3] })],
    misses: [d({ 'c-count': 0 }), d({ 'c-count': 5.000001 }), d({ 'c-count': '3' })],
  },
  {
    operator: 'numeric equals',
    pattern: { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
    matches: [d({ 'x-limit': 301.8 })],
    misses: [d({ 'x-limit': 301.81 })],
  },
  {
    operator: 'numeric one-sided',
    pattern: { detail: { low: [{ numeric: ['<', 10] }], high: [{ numeric: ['>=', -1] }] } },
    matches: [d({ low: -3, high: -1 })],
    misses: [d({ low: 10, high: 0 }), d({ low: 0, high: -1.5 })],
  },
  {
    operator: 'cidr IPv4',
    pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    matches: [d({ sourceIPAddress: '10.0.0.255' }), d({ sourceIPAddress: '10.0.0.0' })],
    misses: [d({ sourceIPAddress: '10.0.1.0' }), d({ sourceIPAddress: 'not an address' }), d({ sourceIPAddress: '2001:db8::1' })],
  },
  {
    operator: 'cidr IPv6',
    pattern: { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } },
    matches: [d({ sourceIPAddress: '2001:db8::1' }), d({ sourceIPAddress: '2001:0db8:0000:0000:ffff:ffff:ffff:ffff' })],
    misses: [d({ sourceIPAddress: '2001:db8:0:1::' }), d({ sourceIPAddress: '10.0.0.1' })],
  },
  {
    operator: 'exact IP address',
    pattern: { detail: { ip: ['2001:db8::1'] } },
    matches: [d({ ip: '2001:db8::1' }), d({ ip: '2001:0db8:0:0:0:0:0:1' })],
    misses: [d({ ip: '2001:db8::2' })],
  },
  {
    operator: 'exists true',
    pattern: { detail: { c: [{ exists: true }] } },
    matches: [d({ c: 5 }), d({ c: null }), d({ c: '' }), d({ c: [1] })],
    misses: [d({}), d({ c: { nested: 1 } }), d({ c: [] })],
  },
  {
    operator: 'exists false',
    pattern: { detail: { c: [{ exists: false }] } },
    matches: [d({}), d({ c: { nested: 1 } })],
    misses: [d({ c: 5 }), d({ c: null })],
  },
  {
    operator: 'equals-ignore-case',
    pattern: { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    matches: [{}, { 'detail-type': 'EC2 INSTANCE STATE-CHANGE NOTIFICATION' }],
    misses: [{ 'detail-type': 'EC2 Instance State-change Notifications' }],
  },
  {
    operator: 'wildcard',
    pattern: { detail: { path: [{ wildcard: 'dir/*.png' }], key: [{ wildcard: 'a\\*b' }] } },
    matches: [d({ path: 'dir/a.png', key: 'a*b' }), d({ path: 'dir/.png', key: 'a*b' }), d({ path: 'dir/x/y.png', key: 'a*b' })],
    misses: [d({ path: 'dir/a.jpg', key: 'a*b' }), d({ path: 'dir/a.png', key: 'axb' }), d({ path: 'other/a.png', key: 'a*b' })],
  },
  {
    operator: '$or at the top',
    pattern: { source: ['aws.ec2'], $or: [{ detail: { c: [1] } }, { detail: { d: [2] } }] },
    matches: [d({ c: 1 }), d({ d: 2 }), d({ c: 1, d: 3 })],
    misses: [d({ c: 2 }), { source: 'aws.s3', detail: { c: 1 } }],
  },
  {
    operator: '$or nested',
    pattern: { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } },
    matches: [d({ 'c-count': 3 }), d({ 'd-count': 9 }), d({ 'x-limit': 301.8 })],
    misses: [d({ 'c-count': 6, 'd-count': 10 })],
  },
  {
    operator: 'arrays',
    pattern: { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f'] },
    matches: [{ resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }],
    misses: [{ resources: ['arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] }, { resources: [] }],
  },
  {
    operator: 'arrays of objects',
    pattern: { detail: { items: { a: ['1'], b: ['2'] } } },
    matches: [d({ items: [{ a: '1', b: '2' }] }), d({ items: [{ a: '0' }, { a: '1', b: '2' }] })],
    misses: [d({ items: [{ a: '1' }, { b: '2' }] })],
  },
  {
    operator: 'and across fields',
    pattern: { source: ['aws.ec2'], detail: { state: ['running'], 'instance-id': [{ prefix: 'i-' }] } },
    matches: [d({ state: 'running', 'instance-id': 'i-123' })],
    misses: [d({ state: 'running' }), d({ state: 'stopped', 'instance-id': 'i-123' })],
  },
];

const at = (pattern: string, line: number, column: number) => `\n at [Source: (String)"${pattern}"; line: ${line}, column: ${column}]`;

/** Refused patterns with AWS's whole reason (`Reason: …`). */
export const INVALID_CASES: InvalidCase[] = [
  ['structure', '{"source":["test.event-pattern"],"detail":{"lenderId":"LenderA"}}', '"lenderId" must be an object or an array', 1, 56],
  ['structure', '[]', 'Filter is not an object', 1, 2],
  ['structure', '{}', 'Empty objects are not allowed', 1, 3],
  ['structure', '{"source":[]}', 'Empty arrays are not allowed', 1, 13],
  ['structure', '{"source":[["a"]]}', 'Match value must be String, number, true, false, or null', 1, 13],
  ['structure', '{\n  "detail": {\n    "x": 5\n  }\n}', '"x" must be an object or an array', 3, 11],
  ['match expression', '{"a":[{}]}', 'Match expression name not found', 1, 9],
  ['match expression', '{"a":[{"regex":"x"}]}', 'Unrecognized match type regex', 1, 17],
  ['exact', '{"a":[{"exactly":1}]}', 'exact match pattern must be a string', 1, 19],
  ['prefix', '{"a":[{"prefix":1}]}', 'prefix match pattern must be a string', 1, 18],
  ['prefix', '{"a":[{"prefix":"x","suffix":"y"}]}', 'Only one key allowed in match expression', 1, 31],
  ['prefix equals-ignore-case', '{"a":[{"prefix":{"other":"x"}}]}', 'Unsupported prefix pattern: other', 1, 27],
  ['prefix equals-ignore-case', '{"a":[{"prefix":{"equals-ignore-case":5}}]}', 'equals-ignore-case match pattern must be a string', 1, 40],
  ['suffix', '{"a":[{"suffix":[".png"]}]}', 'suffix match pattern must be a string', 1, 18],
  ['suffix equals-ignore-case', '{"a":[{"suffix":{}}]}', 'Suffix expression name not found', 1, 19],
  ['equals-ignore-case', '{"a":[{"equals-ignore-case":["x"]}]}', 'equals-ignore-case match pattern must be a string', 1, 30],
  ['anything-but', '{"a":[{"anything-but":null}]}', 'Value of anything-but must be an array or single string/number value.', 1, 27],
  ['anything-but', '{"a":[{"anything-but":["x",1]}]}', 'Inside anything but list, either all values are number or string, mixed type is not supported', 1, 30],
  ['anything-but', '{"a":[{"anything-but":[true]}]}', 'Inside anything but list, start|null|boolean is not supported.', 1, 28],
  ['anything-but', '{"a":[{"anything-but":{"other":"x"}}]}', 'Unsupported anything-but pattern: other', 1, 33],
  ['anything-but prefix', '{"a":[{"anything-but":{"prefix":""}}]}', 'Null prefix/suffix not allowed', 1, 35],
  ['anything-but suffix', '{"a":[{"anything-but":{"suffix":[1]}}]}', 'prefix/suffix match pattern must be a string', 1, 35],
  ['anything-but equals-ignore-case', '{"a":[{"anything-but":{"equals-ignore-case":[1]}}]}', 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.', 1, 47],
  ['anything-but wildcard', '{"a":[{"anything-but":{"wildcard":"a**"}}]}', 'Consecutive wildcard characters at pos 2', 1, 40],
  ['numeric', '{"a":[{"numeric":5}]}', 'Value of numeric must be an array.', 1, 19],
  ['numeric', '{"a":[{"numeric":[">","x"]}]}', 'Value of > must be numeric', 1, 24],
  ['numeric', '{"a":[{"numeric":["~",1]}]}', 'Unrecognized numeric range operator: ~', 1, 24],
  ['numeric', '{"a":[{"numeric":[1]}]}', 'Invalid member in numeric match: 1', 1, 20],
  ['numeric', '{"a":[{"numeric":[">",0,">",5]}]}', 'Bad numeric range operator: >', 1, 28],
  ['numeric', '{"a":[{"numeric":[">",0,"<",5,"<",6]}]}', 'Too many terms in numeric range expression', 1, 32],
  ['numeric', '{"a":[{"numeric":["=",1,2]}]}', 'Too many elements in numeric expression', 1, 26],
  ['numeric', '{"a":[{"numeric":[">",5,"<",1]}]}', 'Bottom must be less than top', 1, 31],
  ['numeric', '{"a":[{"numeric":["<",6000000000]}]}', 'Value must be between -5.0E9 and 5.0E9, inclusive', 1, 34],
  ['exists', '{"a":[{"exists":"yes"}]}', 'exists match pattern must be either true or false.', 1, 18],
  ['cidr', '{"a":[{"cidr":"10.0.0.0"}]}', "Malformed CIDR, one '/' required"],
  ['cidr', '{"a":[{"cidr":"10.0.0.0/x"}]}', 'Malformed CIDR, mask bits must be an integer'],
  ['cidr', '{"a":[{"cidr":"10.0.0.0/32"}]}', 'IPv4 mask bits must be < 32'],
  ['cidr', '{"a":[{"cidr":"my-host/8"}]}', 'Nonstandard IP address: my-host'],
  ['wildcard', '{"a":[{"wildcard":"a**b"}]}', 'Consecutive wildcard characters at pos 2', 1, 25],
  ['wildcard', '{"a":[{"wildcard":"a\\\\b"}]}', 'Invalid escape character at pos 2', 1, 25],
  ['$or', '{"$or":{"a":["x"]}}', 'It must be an Array followed with $or.', 1, 9],
  ['$or', '{"$or":[{"a":["x"]}]}', 'There must have at least 2 Objects in $or relationship.', 1, 21],
  ['$or', '{"$or":[{"a":["x"]},"b"]}', 'Only JSON object is allowed in array of $or relationship.', 1, 22],
  ['$or', '{"$or":[{"a":["x"]},{"prefix":["y"]}]}', 'prefix is Ruler reserved fieldName which cannot be used inside $or.', 1, 32],
  ['JSON syntax', '{bad', "Unexpected character ('b' (code 98)): was expecting double-quote to start field name", 1, 3],
  ['JSON syntax', '{"a":["x",]}', "Unexpected character (']' (code 93)): expected a value", 1, 12],
].map(([operator, pattern, reason, line, column]) => ({
  operator: operator as string,
  pattern: pattern as string,
  reason: `${reason as string}${line === undefined ? '' : at(pattern as string, line as number, column as number)}`,
}));
