import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { compileDetection } from './compile-detection.js';
import { countingEvent } from './testing.js';

const stopLogging = {
  eventSource: 'cloudtrail.amazonaws.com',
  eventName: 'StopLogging',
  userAgent: 'aws-cli/2.15.0 Python/3.11',
  sourceIPAddress: '198.51.100.7',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' },
  requestParameters: { name: 'main-trail' },
  responseElements: null,
  tags: [{ key: 'team', value: 'red' }],
};

/** A detection section from YAML. */
function detection(yaml: string) {
  return compileDetection(parse(yaml));
}

function run(yaml: string, record: Record<string, unknown> = stopLogging) {
  const event = countingEvent(record);
  return { matched: detection(yaml).matches(event), recordCalls: event.recordCalls };
}

test('a map ANDs its fields', () => {
  const yaml = (name: string) => `selection:\n  eventSource: cloudtrail.amazonaws.com\n  eventName: ${name}\ncondition: selection`;
  assert.equal(run(yaml('StopLogging')).matched, true);
  assert.equal(run(yaml('DeleteTrail')).matched, false);
});

test('a list of maps ORs them', () => {
  const yaml = `selection:\n  - eventName: DeleteTrail\n  - userIdentity.type: IAMUser\n    requestParameters.name: main-trail\ncondition: selection`;
  assert.equal(run(yaml).matched, true);
  assert.equal(run(yaml, { ...stopLogging, requestParameters: { name: 'other' } }).matched, false);
});

test('a keyword list looks for any keyword anywhere in the record', () => {
  const yaml = `keywords:\n  - 'nothing-here'\n  - 'MAIN-TRAIL'\ncondition: keywords`;
  assert.equal(run(yaml).matched, true);
  assert.equal(run(`keywords:\n  - 'red'\ncondition: keywords`).matched, true);
  assert.equal(run(`keywords:\n  - 'absent'\n  - 'nowhere'\ncondition: keywords`).matched, false);
  assert.equal(run(`keywords: 'alice'\ncondition: keywords`).matched, true);
});

test("an '|all' keyword map needs every keyword, each anywhere", () => {
  assert.equal(run(`keywords:\n  '|all':\n    - 'alice'\n    - 'main-trail'\ncondition: keywords`).matched, true);
  assert.equal(run(`keywords:\n  '|all':\n    - 'alice'\n    - 'bob'\ncondition: keywords`).matched, false);
});

test('a list mixing maps and keywords ORs them', () => {
  const yaml = `selection:\n  - eventName: DeleteTrail\n  - 'aws-cli'\ncondition: selection`;
  assert.equal(run(yaml).matched, true);
});

test('conditions: not, parentheses, 1 of, all of, them, a list of conditions', () => {
  const ids = `sel_a:\n  eventName: StopLogging\nsel_b:\n  eventName: DeleteTrail\nfilter:\n  userIdentity.type: AWSService\n_helper:\n  eventName: Nothing\n`;
  const cases: Array<[string, boolean]> = [
    ['sel_a and not filter', true],
    ['sel_b and not filter', false],
    ['not sel_a', false],
    ['(sel_a or sel_b) and not filter', true],
    ['1 of sel_*', true],
    ['all of sel_*', false],
    ['1 of them', true],
    ['all of them', false],
    ['1 of sel_* and not 1 of filter*', true],
    ['1 of _helper*', false],
    ['not (sel_b or filter)', true],
  ];
  for (const [condition, expected] of cases) assert.equal(run(`${ids}condition: ${condition}`).matched, expected, condition);
  assert.equal(run(`${ids}condition:\n  - sel_b\n  - sel_a`).matched, true);
  assert.equal(run(`${ids}condition:\n  - sel_b\n  - filter`).matched, false);
});

test('all of them leaves out identifiers starting with _', () => {
  const yaml = `selection:\n  eventName: StopLogging\n_never:\n  eventName: Nothing\ncondition: all of them`;
  assert.equal(run(yaml).matched, true);
});

test('a rule of TrailEvent facts never parses the record', () => {
  const yaml = `selection:\n  eventSource: cloudtrail.amazonaws.com\n  eventName|startswith: Stop\n  userAgent|contains: aws-cli\n  sourceIPAddress|cidr: 198.51.100.0/24\n  userIdentity.type: IAMUser\n  userIdentity.arn|endswith: ':user/alice'\nfilter:\n  errorCode|startswith: Access\ncondition: selection and not filter`;
  assert.deepEqual(run(yaml), { matched: true, recordCalls: 0 });
});

test('record fields, and facts compared to null, empty or existence, read the record', () => {
  assert.deepEqual(run(`selection:\n  requestParameters.name: main-trail\ncondition: selection`), { matched: true, recordCalls: 1 });
  assert.deepEqual(run(`selection:\n  errorCode: null\ncondition: selection`), { matched: true, recordCalls: 1 });
  assert.deepEqual(run(`selection:\n  errorCode|exists: false\ncondition: selection`), { matched: true, recordCalls: 1 });
  assert.deepEqual(run(`selection:\n  awsRegion: ''\ncondition: selection`), { matched: false, recordCalls: 1 });
  assert.deepEqual(run(`selection:\n  awsRegion: ''\ncondition: selection`, { ...stopLogging, awsRegion: '' }), { matched: true, recordCalls: 1 });
});

test('cheap parts are tried first: a failing fact spares the record', () => {
  const yaml = `selection:\n  requestParameters.name: main-trail\n  eventName: DeleteTrail\ncondition: selection`;
  assert.deepEqual(run(yaml), { matched: false, recordCalls: 0 });
});

test('eventNames: the names every branch requires', () => {
  const names = (yaml: string) => detection(yaml).eventNames;
  assert.deepEqual(names(`s:\n  eventName: [StopLogging, DeleteTrail]\ncondition: s`), ['DeleteTrail', 'StopLogging']);
  assert.deepEqual(names(`s:\n  eventName: StopLogging\nf:\n  eventName: DeleteTrail\ncondition: s and not f`), ['StopLogging']);
  assert.deepEqual(names(`a:\n  eventName: StopLogging\nb:\n  eventName: [DeleteTrail, UpdateTrail]\ncondition: 1 of them`), ['DeleteTrail', 'StopLogging', 'UpdateTrail']);
  assert.deepEqual(names(`a:\n  eventName: [StopLogging, DeleteTrail]\nb:\n  eventName: [deletetrail, UpdateTrail]\ncondition: a and b`), ['DeleteTrail']);
  assert.deepEqual(names(`a:\n  - eventName: StopLogging\n  - eventName: DeleteTrail\n    userAgent: x\ncondition: a`), ['DeleteTrail', 'StopLogging']);
  assert.deepEqual(names(`a:\n  eventName: StopLogging\nb:\n  eventName: DeleteTrail\ncondition:\n  - a\n  - b`), ['DeleteTrail', 'StopLogging']);
  assert.equal(names(`a:\n  eventName: StopLogging\nb:\n  userAgent: x\ncondition: a or b`), undefined);
  assert.equal(names(`a:\n  eventName: StopLogging\ncondition: not a`), undefined);
  assert.equal(names(`a:\n  eventName|startswith: Stop\ncondition: a`), undefined);
  assert.equal(names(`a:\n  eventName: Stop*\ncondition: a`), undefined);
  assert.equal(names(`a:\n  eventName: [StopLogging, null]\ncondition: a`), undefined);
  assert.equal(names(`k:\n  - StopLogging\ncondition: k`), undefined);
});

test('errors name the identifier and what is wrong', () => {
  assert.throws(() => detection(`selection:\n  eventName: x\ncondition: selection and filter`), /condition 'selection and filter': unknown search identifier 'filter'/);
  assert.throws(() => detection(`selection:\n  eventName: x\ncondition: 1 of filter_*`), /'filter_\*' names no search identifier/);
  assert.throws(() => detection(`selection:\n  eventName: x`), /detection.condition is missing/);
  assert.throws(() => detection(`selection:\n  eventName: x\ncondition: 5`), /condition must be a string/);
  assert.throws(() => detection(`condition: selection`), /no search identifier/);
  assert.throws(() => detection(`selection:\n  CommandLine|windash: x\ncondition: selection`), /detection.selection: 'CommandLine\|windash': unsupported modifier 'windash'/);
  assert.throws(() => detection(`selection:\n  - eventName: x\n  - f|re: '('\ncondition: selection`), /detection.selection: item 2: 'f\|re': invalid regular expression/);
  assert.throws(() => detection(`selection: {}\ncondition: selection`), /detection.selection: is an empty map/);
  assert.throws(() => detection(`selection: []\ncondition: selection`), /detection.selection: is an empty list/);
  assert.throws(() => detection(`selection: null\ncondition: selection`), /detection.selection: must be a map of fields/);
  assert.throws(() => detection(`keywords:\n  - null\ncondition: keywords`), /keyword cannot be null/);
  assert.throws(() => detection(`selection:\n  eventName: x\ntimeframe: 5m\ncondition: selection`), /timeframe is not supported/);
  assert.throws(() => compileDetection(['x']), /detection must be a map/);
});
