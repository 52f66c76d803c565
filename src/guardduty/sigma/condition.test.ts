import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identifiersMatching, parseCondition, type Condition } from './condition.js';

/** The condition written back with full parentheses, to compare structure. */
function show(c: Condition): string {
  switch (c.kind) {
    case 'ref': return c.name;
    case 'not': return `not(${show(c.item)})`;
    case 'of': return `${c.quantifier}-of(${c.pattern})`;
    default: return `${c.kind}(${c.items.map(show).join(', ')})`;
  }
}

test('and binds tighter than or, not tighter than and', () => {
  assert.equal(show(parseCondition('a or b and c')), 'or(a, and(b, c))');
  assert.equal(show(parseCondition('a and b or c and d')), 'or(and(a, b), and(c, d))');
  assert.equal(show(parseCondition('not a and b')), 'and(not(a), b)');
  assert.equal(show(parseCondition('not not a')), 'not(not(a))');
  assert.equal(show(parseCondition('selection and not filter')), 'and(selection, not(filter))');
});

test('parentheses group', () => {
  assert.equal(show(parseCondition('(a or b) and c')), 'and(or(a, b), c)');
  assert.equal(show(parseCondition('a and (b or (c and not d))')), 'and(a, or(b, and(c, not(d))))');
  assert.equal(show(parseCondition('not (a or b)')), 'not(or(a, b))');
  assert.equal(show(parseCondition('(a)')), 'a');
});

test('1 of / all of a pattern or them', () => {
  assert.equal(show(parseCondition('1 of selection_*')), 'one-of(selection_*)');
  assert.equal(show(parseCondition('all of them')), 'all-of(them)');
  assert.equal(show(parseCondition('1 of them')), 'one-of(them)');
  assert.equal(show(parseCondition('1 of selection* and not 1 of filter*')), 'and(one-of(selection*), not(one-of(filter*)))');
  assert.equal(show(parseCondition('all of sel_* or keywords')), 'or(all-of(sel_*), keywords)');
});

test('operators are case-insensitive', () => {
  assert.equal(show(parseCondition('a AND NOT b OR 1 OF c* or ALL of THEM')), 'or(and(a, not(b)), one-of(c*), all-of(them))');
});

test('bad conditions say what is wrong', () => {
  assert.throws(() => parseCondition(''), /the condition is empty/);
  assert.throws(() => parseCondition('a and'), /condition 'a and': expected a search identifier at the end/);
  assert.throws(() => parseCondition('a b'), /unexpected 'b'/);
  assert.throws(() => parseCondition('(a or b'), /expected '\)'/);
  assert.throws(() => parseCondition('a or b)'), /unexpected '\)'/);
  assert.throws(() => parseCondition('and a'), /expected a search identifier, not 'and'/);
  assert.throws(() => parseCondition('2 of sel*'), /'2 of' is not supported/);
  assert.throws(() => parseCondition('1 of'), /after 'of'/);
  assert.throws(() => parseCondition('1 of (a)'), /after 'of', not '\('/);
  assert.throws(() => parseCondition('sel*'), /a wildcard needs '1 of' or 'all of'/);
  assert.throws(() => parseCondition('selection | count() > 5'), /aggregations .* not supported/);
  assert.throws(() => parseCondition('a && b'), /condition 'a && b': unexpected '&&'/);
});

test('patterns name identifiers; them leaves out those starting with _', () => {
  const names = ['selection_get', 'selection_batch', 'filter', '_helper', 'sel.x'];
  assert.deepEqual(identifiersMatching('selection_*', names), ['selection_get', 'selection_batch']);
  assert.deepEqual(identifiersMatching('*', names), names);
  assert.deepEqual(identifiersMatching('them', names), ['selection_get', 'selection_batch', 'filter', 'sel.x']);
  assert.deepEqual(identifiersMatching('*batch', names), ['selection_batch']);
  assert.deepEqual(identifiersMatching('sel.*', names), ['sel.x']);
  assert.deepEqual(identifiersMatching('filter', names), ['filter']);
});
