/**
 * What event selectors compare a data event with: its data resource type (an S3 object-level
 * call or object listing is an AWS::S3::Object data event) and the ARNs of its data resources —
 * the objects it named, or for a listing the bucket as `arn:aws:s3:::<bucket>/`, the form
 * selectors use for "every object of the bucket".
 */
import type { CloudTrailRecord } from '../record.js';

const DATA_TYPES: Record<string, string> = {
  's3.amazonaws.com': 'AWS::S3::Object',
  'lambda.amazonaws.com': 'AWS::Lambda::Function',
  'dynamodb.amazonaws.com': 'AWS::DynamoDB::Table',
};

interface Resource {
  type?: unknown;
  ARN?: unknown;
}

export function dataResourceType(record: CloudTrailRecord): string | undefined {
  return record.eventCategory === 'Data' ? DATA_TYPES[record.eventSource] : undefined;
}

export function dataResourceArns(record: CloudTrailRecord): string[] {
  const resources = (Array.isArray(record.resources) ? record.resources : []) as Resource[];
  const arns = (type: string) => resources.filter((r) => r.type === type && typeof r.ARN === 'string').map((r) => r.ARN as string);
  if (dataResourceType(record) !== 'AWS::S3::Object') return resources.filter((r) => typeof r.ARN === 'string').map((r) => r.ARN as string);
  const objects = arns('AWS::S3::Object');
  return objects.length > 0 ? objects : arns('AWS::S3::Bucket').map((arn) => `${arn}/`);
}
