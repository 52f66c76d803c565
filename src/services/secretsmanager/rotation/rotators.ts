/**
 * Which rotation function RotationLambdaARN names: the built-in rotators by the function's
 * name, else the secret's webhook. None → AWS's answer for a function it cannot invoke.
 */
import { AwsError } from '../../../core/aws-error.js';
import type { SecretRecord } from '../common.js';
import type { RotationRun, Step } from './context.js';
import { postgresqlStep } from './postgresql.js';
import { randomPasswordStep } from './random-password.js';
import { webhookOf, webhookStep } from './webhook.js';

export type Rotator = (step: Step, run: RotationRun) => Promise<void>;

const BUILT_IN: Record<string, Rotator> = {
  'bulwark-random-password': randomPasswordStep,
  'bulwark-postgresql': postgresqlStep,
};

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,140})(?::[A-Za-z0-9$_-]+)?$/;

// Unconfirmed wording (AWS's answer when the function policy does not let it invoke).
export const cannotInvoke = (): AwsError =>
  new AwsError('AccessDeniedException', 'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.', { status: 400 });

/** The function name of a Lambda function ARN (or a bare name); undefined when it is neither. */
export function functionNameOf(arn: string): string | undefined {
  const m = FUNCTION_ARN.exec(arn);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{1,140}$/.test(arn) ? arn : undefined;
}

/** The rotator of a secret's rotation function; throws cannotInvoke when there is none. */
export function rotatorFor(record: SecretRecord, lambdaArn: string): { functionName: string; rotator: Rotator } {
  const functionName = functionNameOf(lambdaArn);
  if (functionName === undefined) throw cannotInvoke();
  const builtIn = Object.hasOwn(BUILT_IN, functionName) ? BUILT_IN[functionName] : undefined;
  if (builtIn) return { functionName, rotator: builtIn };
  const url = webhookOf(record);
  if (!url) throw cannotInvoke();
  return { functionName, rotator: (step, run) => webhookStep(url, step, run) };
}
