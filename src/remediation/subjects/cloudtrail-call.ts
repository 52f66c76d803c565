/**
 * What an "AWS API Call via CloudTrail" event names (its detail is the CloudTrail record): the
 * resource in requestParameters by the call's service — S3 `bucketName`, CloudTrail `name` (or
 * `trailName`), KMS `keyId`, Secrets Manager `secretId` — and the caller (`userIdentity`): its
 * long-term access key and its IAM user, or the role of its session.
 */
import { fieldsOf, textOf, type Fields } from '../../guardduty/detectors/support/record-fields.js';
import type { Subject } from '../action.js';
import { actorSubjects, trailSubject } from './common.js';

function callerSubjects(identity: Fields): Subject[] {
  const type = textOf(identity.type);
  const issuer = fieldsOf(fieldsOf(identity.sessionContext).sessionIssuer);
  const name = type === 'AssumedRole' ? textOf(issuer.userName) : textOf(identity.userName);
  return actorSubjects(textOf(identity.accessKeyId), type, name);
}

function resourceSubjects(source: string, parameters: Fields, api: string, region: string): Subject[] {
  switch (source) {
    case 's3.amazonaws.com': {
      const bucket = textOf(parameters.bucketName);
      return bucket ? [{ kind: 'bucket', bucket, region }] : [];
    }
    case 'cloudtrail.amazonaws.com': {
      const trail = trailSubject(textOf(parameters.name) || textOf(parameters.trailName), api, region);
      return trail?.trail ? [trail] : [];
    }
    case 'kms.amazonaws.com': {
      const keyId = textOf(parameters.keyId);
      return keyId ? [{ kind: 'kms-key', keyId, region }] : [];
    }
    case 'secretsmanager.amazonaws.com': {
      const secretId = textOf(parameters.secretId);
      return secretId ? [{ kind: 'secret', secretId, region }] : [];
    }
    default:
      return [];
  }
}

export function cloudTrailSubjects(detail: Fields, eventRegion: string): Subject[] {
  const region = textOf(detail.awsRegion) || eventRegion;
  const api = textOf(detail.eventName);
  return [...resourceSubjects(textOf(detail.eventSource), fieldsOf(detail.requestParameters), api, region), ...callerSubjects(fieldsOf(detail.userIdentity))];
}
