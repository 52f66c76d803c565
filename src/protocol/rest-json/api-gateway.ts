import { AwsError } from '../../core/aws-error.js';

/**
 * Services fronted by Amazon API Gateway (GuardDuty and Security Hub: their responses carry
 * `x-amz-apigw-id`) answer a method + path that matches no route with API Gateway's 403
 * `{"message":"Missing Authentication Token"}` (x-amzn-ErrorType
 * MissingAuthenticationTokenException), not a 404: API Gateway does not reveal which paths
 * exist.
 */
export function missingAuthenticationToken(): AwsError {
  return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', { status: 403 });
}
