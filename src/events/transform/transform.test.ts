import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { envelope } from '../envelope.js';
import { evaluateInputPath, parseInputPath } from './input-path.js';
import { parseTemplate, renderTemplate, unknownPlaceholders } from './input-template.js';
import { targetInput } from './target-input.js';

/** AWS's input transformer examples (EC2 instance state-change event). */
const event = envelope({
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  detailType: 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  region: 'us-east-1',
  time: new Date('2015-11-11T21:29:54Z'),
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', tags: [{ k: 'a' }, { k: 'b' }] },
});
const rule = { name: 'example', arn: 'arn:aws:events:us-east-1:123456789012:rule/example' };
const paths = { instance: '$.detail.instance-id', state: '$.detail.state' };
const transform = (template: string, map: Record<string, string> = paths) =>
  targetInput({ Id: 't', Arn: 'x', InputTransformer: { InputPathsMap: map, InputTemplate: template } }, event, rule, new Date('2015-11-11T21:30:00Z'));

describe('input transformers as AWS documents them', () => {
  test('a string template', () => {
    assert.equal(transform('"instance <instance> is in <state>"'), '"instance i-0123456789 is in RUNNING"');
  });

  test('a string with escaped quotes', () => {
    assert.equal(transform('"instance \\"<instance>\\" is in <state>"'), '"instance \\"i-0123456789\\" is in RUNNING"');
  });

  test('simple JSON: values outside quotes become JSON strings', () => {
    assert.equal(transform('{"instance" : <instance>, "state": <state>}'), '{"instance" : "i-0123456789", "state": "RUNNING"}');
  });

  test('JSON with strings and variables', () => {
    assert.equal(transform('{"instance" : <instance>, "state": "<state>"}'), '{"instance" : "i-0123456789", "state": "RUNNING"}');
  });

  test('JSON with a mix of variables and static information', () => {
    assert.equal(transform('{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes" }'), '{"instance" : "i-0123456789", "state": [ 9, "RUNNING", true ], "Transformed" : "Yes" }');
  });

  test('reserved variables in JSON', () => {
    const out = JSON.parse(transform('{"ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "originalEvent" : <aws.events.event.json>, "envelope": <aws.events.event>, "at": "<aws.events.event.ingestion-time>"}'));
    assert.equal(out.ruleArn, rule.arn);
    assert.equal(out.ruleName, 'example');
    assert.deepEqual(out.originalEvent, event);
    assert.equal(out.envelope.detail, undefined);
    assert.equal(out.envelope.id, event.id);
    assert.equal(out.at, '2015-11-11T21:30:00.000Z');
  });

  test('reserved variables in a string', () => {
    assert.equal(transform('"<aws.events.rule-name> triggered"'), '"example triggered"');
  });

  test('a text template takes values as they are; missing values', () => {
    assert.equal(transform('<instance> is in state <state>'), 'i-0123456789 is in state RUNNING');
    assert.equal(transform('[<gone>, "<gone>"]', { gone: '$.detail.nothing' }), '[null, ""]');
    assert.equal(transform('gone: <gone>.', { gone: '$.detail.nothing' }), 'gone: .');
    assert.equal(transform('tags: <tags>', { tags: '$.detail.tags[*].k' }), 'tags: ["a","b"]');
  });

  test('values with quotes are escaped inside JSON strings', () => {
    const quoted = { ...event, detail: { text: 'say "hi"\n' } };
    const out = targetInput({ Id: 't', Arn: 'x', InputTransformer: { InputPathsMap: { t: '$.detail.text' }, InputTemplate: '{"a": "<t>", "b": <t>}' } }, quoted, rule, new Date());
    assert.deepEqual(JSON.parse(out), { a: 'say "hi"\n', b: 'say "hi"\n' });
  });

  test('Input, InputPath and the whole event', () => {
    assert.equal(targetInput({ Id: 't', Arn: 'x', Input: '{"c":1}' }, event, rule, new Date()), '{"c":1}');
    assert.equal(targetInput({ Id: 't', Arn: 'x', InputPath: '$.detail.state' }, event, rule, new Date()), '"RUNNING"');
    assert.deepEqual(JSON.parse(targetInput({ Id: 't', Arn: 'x' }, event, rule, new Date())), event);
  });

  test('placeholders must name a path or a predefined variable', () => {
    assert.deepEqual(unknownPlaceholders(parseTemplate('<a> <aws.events.rule-name> <b> <not a placeholder>'), ['a']), ['b']);
    assert.equal(renderTemplate(parseTemplate('<a>'), new Map([['a', 5]])), '5');
  });
});

describe('JSON paths EventBridge evaluates', () => {
  test('dot notation, dashes, indices, wildcards, brackets', () => {
    assert.equal(evaluateInputPath(parseInputPath('$.detail.instance-id'), event), 'i-0123456789');
    assert.equal(evaluateInputPath(parseInputPath('$.resources[0]'), event), event.resources[0]);
    assert.deepEqual(evaluateInputPath(parseInputPath('$.detail.tags[*].k'), event), ['a', 'b']);
    assert.equal(evaluateInputPath(parseInputPath("$['detail-type']"), event), event['detail-type']);
    assert.deepEqual(evaluateInputPath(parseInputPath('$'), event), event);
    assert.equal(evaluateInputPath(parseInputPath('$.detail.nothing.deeper'), event), undefined);
  });

  test('malformed paths are refused', () => {
    for (const bad of ['detail', '$.', '$..a', '$[x]', "$['open", '$.a b']) assert.throws(() => parseInputPath(bad), Error, bad);
  });
});
