/**
 * What Security Hub's events name ("Security Hub Findings - Imported" and "- Custom Action",
 * whose detail holds ASFF findings): per finding, its Resources — AwsS3Bucket, AwsIamAccessKey
 * (the key from its Id `AWS::IAM::AccessKey:AKIA…`, the principal from PrincipalType and
 * PrincipalName), AwsIamUser, AwsIamRole, AwsCloudTrailTrail, AwsKmsKey,
 * AwsSecretsManagerSecret —, a stopped trail its Action names (StopLogging), and the finding
 * itself (Id, ProductArn, closed when its Workflow.Status is RESOLVED or SUPPRESSED).
 */
import { fieldsOf, itemsOf, member, textOf, type Fields } from '../../guardduty/detectors/support/record-fields.js';
import type { Subject } from '../action.js';
import { actorSubjects, nameOf, trailSubject } from './common.js';

/** The subjects of one ASFF resource (`region`: the resource's, else the finding's). */
function resourceSubjects(resource: Fields, region: string): Subject[] {
  const id = textOf(resource.Id);
  const details = fieldsOf(resource.Details);
  switch (textOf(resource.Type)) {
    case 'AwsS3Bucket': {
      const bucket = textOf(fieldsOf(details.AwsS3Bucket).Name) || nameOf(id);
      return bucket ? [{ kind: 'bucket', bucket, region }] : [];
    }
    case 'AwsIamAccessKey': {
      const key = fieldsOf(details.AwsIamAccessKey);
      const accessKeyId = /(AKIA[A-Z0-9]+)$/.exec(id)?.[1] ?? '';
      return actorSubjects(accessKeyId, textOf(key.PrincipalType), textOf(key.PrincipalName) || textOf(key.UserName));
    }
    case 'AwsIamUser': {
      const name = textOf(fieldsOf(details.AwsIamUser).UserName) || nameOf(id);
      return name ? [{ kind: 'principal', type: 'user', name }] : [];
    }
    case 'AwsIamRole': {
      const name = textOf(fieldsOf(details.AwsIamRole).RoleName) || nameOf(id);
      return name ? [{ kind: 'principal', type: 'role', name }] : [];
    }
    case 'AwsCloudTrailTrail': {
      const trail = trailSubject(textOf(fieldsOf(details.AwsCloudTrailTrail).Name) || id, '', region);
      return trail ? [trail] : [];
    }
    case 'AwsKmsKey': {
      const keyId = textOf(fieldsOf(details.AwsKmsKey).KeyId) || id;
      return keyId ? [{ kind: 'kms-key', keyId, region }] : [];
    }
    case 'AwsSecretsManagerSecret':
      return id ? [{ kind: 'secret', secretId: id, region }] : [];
    default:
      return [];
  }
}

const CLOSED = new Set(['RESOLVED', 'SUPPRESSED']);

function findingSubjects(finding: Fields, eventRegion: string): Subject[] {
  const region = textOf(finding.Region) || eventRegion;
  const subjects: Subject[] = [];
  for (const resource of itemsOf(finding.Resources)) {
    const fields = fieldsOf(resource);
    subjects.push(...resourceSubjects(fields, textOf(fields.Region) || region));
  }
  const api = textOf(member(fieldsOf(fieldsOf(finding.Action).AwsApiCallAction), 'Api'));
  if (!subjects.some((s) => s.kind === 'trail')) {
    const trail = trailSubject('', api, region);
    if (trail) subjects.push(trail);
  }
  const id = textOf(finding.Id);
  const productArn = textOf(finding.ProductArn);
  if (id && productArn) subjects.push({ kind: 'finding', id, productArn, region, closed: CLOSED.has(textOf(fieldsOf(finding.Workflow).Status)) });
  return subjects;
}

export function securityHubSubjects(detail: Fields, eventRegion: string): Subject[] {
  return itemsOf(detail.findings).flatMap((finding) => findingSubjects(fieldsOf(finding), eventRegion));
}
