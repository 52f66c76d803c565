import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { eventFromRecord } from '../trail-event.js';
import { loadDetectionRules, loadSigmaRules, parseSigmaRules } from './load.js';
import { ruleYaml } from './testing.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-sigma-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rule = (id: string, name: string) => ruleYaml(`selection:\n    eventName: ${name}\ncondition: selection`).replace('00000000-0000-4000-8000-000000000001', id).replace('Test Rule', `Rule ${name}`);

test('a file may hold several rules separated by ---; empty documents are skipped', () => {
  const rules = parseSigmaRules(`${rule('a', 'StopLogging')}\n---\n${rule('b', 'DeleteTrail')}\n---\n# only a comment\n`, 'two.yml');
  assert.deepEqual(rules.map((r) => r.id), ['a', 'b']);
});

test('numbers keep the digits they were written with', () => {
  const [r] = parseSigmaRules(ruleYaml(`selection:\n    requestParameters.code: 0x17\n    requestParameters.version: 1.50\ncondition: selection`), 'n.yml');
  assert.equal(r.detection.matches(eventFromRecord({ requestParameters: { code: '0x17', version: '1.50' } })), true);
  assert.equal(r.detection.matches(eventFromRecord({ requestParameters: { code: '23', version: '1.5' } })), false);
});

test('invalid YAML names the file and the place', () => {
  assert.throws(() => parseSigmaRules('title: [unclosed\n', 'bad.yml'), /^SigmaRuleError: bad.yml: invalid YAML: .*line 2/s);
  assert.throws(() => parseSigmaRules('title: a\ntitle: b\n', 'dup.yml'), /dup.yml: invalid YAML: Map keys must be unique/);
});

test('a directory is searched recursively for .yml and .yaml files, in name order', async () => {
  const root = join(dir, 'tree');
  await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
  await mkdir(join(root, '.hidden'), { recursive: true });
  await writeFile(join(root, 'b.yml'), rule('id-b', 'DeleteTrail'));
  await writeFile(join(root, 'a.yaml'), `${rule('id-a1', 'StopLogging')}\n---\n${rule('id-a2', 'UpdateTrail')}`);
  await writeFile(join(root, 'sub', 'deeper', 'c.YML'), rule('id-c', 'PutEventSelectors'));
  await writeFile(join(root, 'notes.txt'), 'not a rule');
  await writeFile(join(root, '.hidden', 'h.yml'), 'not: [a rule');
  const loaded = await loadSigmaRules(root);
  assert.deepEqual(loaded.map((l) => [l.file.slice(root.length + 1), l.rule.id]), [
    ['a.yaml', 'id-a1'], ['a.yaml', 'id-a2'], ['b.yml', 'id-b'], [join('sub', 'deeper', 'c.YML'), 'id-c'],
  ]);
  const detectors = await loadDetectionRules(root);
  assert.deepEqual(detectors.map((d) => d.eventNames), [['StopLogging'], ['UpdateTrail'], ['DeleteTrail'], ['PutEventSelectors']]);
  assert.deepEqual(await loadDetectionRules(join(root, 'b.yml')).then((d) => d.map((x) => x.name)), ['sigma:id-b']);
});

test('one bad rule fails the whole load, naming its file and rule', async () => {
  const root = join(dir, 'bad');
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'good.yml'), rule('good', 'StopLogging'));
  await writeFile(join(root, 'wrong.yml'), ruleYaml('selection:\n    userAgent|windash: x\ncondition: selection'));
  await assert.rejects(loadDetectionRules(root), {
    name: 'SigmaRuleError',
    message: `${join(root, 'wrong.yml')}: rule "Test Rule": detection.selection: 'userAgent|windash': unsupported modifier 'windash' in 'userAgent|windash' (Windows command-line dashes do not occur in CloudTrail)`,
  });
});

test('two rules with one id fail the load', async () => {
  const root = join(dir, 'dup');
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'one.yml'), rule('same', 'StopLogging'));
  await writeFile(join(root, 'two.yml'), rule('same', 'DeleteTrail'));
  await assert.rejects(loadDetectionRules(root), new RegExp(`two.yml: rule "Rule DeleteTrail": id same is also the id of a rule in .*one.yml`));
});

test('a missing path fails with the path; an empty directory has no rules', async () => {
  await assert.rejects(loadDetectionRules(join(dir, 'nope')), /nope: cannot read detection rules: ENOENT/);
  const empty = join(dir, 'empty');
  await mkdir(empty);
  assert.deepEqual(await loadDetectionRules(empty), []);
});
