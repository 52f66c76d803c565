import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestContext } from './context.js';
import { PolicyValidationError } from './errors.js';
import { parseTemplate, resolveTemplate, type Template } from './variables.js';

const ctx = new RequestContext({
  principal: { arn: 'arn:aws:iam::111111111111:user/alice', tags: { Team: 'blue' } },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  context: { 'aws:TagKeys': ['a', 'b'] },
});

test('templates without variables stay strings', () => {
  assert.equal(parseTemplate('plain', false, true), 'plain');
  assert.equal(parseTemplate('a${*}b${?}${$}', false, true), 'a*b?$');
  assert.equal(parseTemplate('${aws:username}', false, false), '${aws:username}');
});

test('variables resolve from derived and given keys', () => {
  const t = parseTemplate('home/${aws:username}/${aws:PrincipalTag/team}', false, true) as Template;
  assert.equal(resolveTemplate(t, ctx), 'home/alice/blue');
});

test('defaults and missing values', () => {
  assert.equal(resolveTemplate(parseTemplate("${aws:PrincipalTag/none, 'dflt'}", false, true) as Template, ctx), 'dflt');
  assert.equal(resolveTemplate(parseTemplate("${aws:PrincipalTag/none,''}", false, true) as Template, ctx), '');
  assert.equal(resolveTemplate(parseTemplate('${aws:PrincipalTag/none}', false, true) as Template, ctx), undefined);
  assert.equal(resolveTemplate(parseTemplate('${aws:TagKeys}', false, true) as Template, ctx), undefined, 'multi-valued keys do not substitute');
});

test('an unterminated ${ is literal; a malformed one is refused', () => {
  assert.equal(parseTemplate('a${b', false, true), 'a${b');
  assert.throws(() => parseTemplate('${a b}', false, true), PolicyValidationError);
});
