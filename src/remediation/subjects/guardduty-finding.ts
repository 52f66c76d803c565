/**
 * What a "GuardDuty Finding" event names (its detail is the finding in GuardDuty's JSON
 * names): buckets (`resource.s3BucketDetails[].name`), the actor's long-term access key and
 * its user or role (`resource.accessKeyDetails`), the trail, key or secret the detector noted
 * in `service.additionalInfo` (`trailName`, `keyId`, `secretId`), a stopped trail it does not
 * name (`service.action.awsApiCallAction.api` StopLogging), and the finding itself as Security
 * Hub holds it (the `aws/guardduty` product, Id = the finding's ARN).
 */
import { fieldsOf, member, textOf, type Fields } from '../../guardduty/detectors/support/record-fields.js';
import type { Subject } from '../action.js';
import { actorSubjects, trailSubject } from './common.js';

function additionalInfo(service: Fields): Fields {
  const value = member(fieldsOf(member(service, 'additionalInfo')), 'value');
  if (typeof value !== 'string') return fieldsOf(value);
  try {
    return fieldsOf(JSON.parse(value));
  } catch {
    return {};
  }
}

export function guardDutySubjects(detail: Fields, eventRegion: string): Subject[] {
  const region = textOf(member(detail, 'region')) || eventRegion;
  const resource = fieldsOf(member(detail, 'resource'));
  const service = fieldsOf(member(detail, 'service'));
  const info = additionalInfo(service);
  const subjects: Subject[] = [];
  const buckets = member(resource, 's3BucketDetails');
  for (const bucket of Array.isArray(buckets) ? buckets : []) {
    const name = textOf(member(fieldsOf(bucket), 'name'));
    if (name) subjects.push({ kind: 'bucket', bucket: name, region });
  }
  const key = fieldsOf(member(resource, 'accessKeyDetails'));
  subjects.push(...actorSubjects(textOf(member(key, 'accessKeyId')), textOf(member(key, 'userType')), textOf(member(key, 'userName'))));
  const api = textOf(member(fieldsOf(member(fieldsOf(member(service, 'action')), 'awsApiCallAction')), 'api'));
  const trail = trailSubject(textOf(info.trailName), api, region);
  if (trail) subjects.push(trail);
  if (textOf(info.keyId)) subjects.push({ kind: 'kms-key', keyId: textOf(info.keyId), region });
  if (textOf(info.secretId)) subjects.push({ kind: 'secret', secretId: textOf(info.secretId), region });
  const arn = textOf(member(detail, 'arn'));
  const partition = textOf(member(detail, 'partition')) || 'aws';
  if (arn) subjects.push({ kind: 'finding', id: arn, productArn: `arn:${partition}:securityhub:${region}::product/aws/guardduty`, region, closed: false });
  return subjects;
}
