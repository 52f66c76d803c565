/** Lambda and SageMaker: functions opened to anyone or changed to run other code, notebook boot scripts changed. */
import { SEVERITY } from '../../detection.js';
import type { TrailEvent } from '../../trail-event.js';
import { member, requestParameters, textOf, textsOf } from '../support/record-fields.js';
import { withApiVersions, type SignalMatch, type SignalRule } from './signal-rule.js';

const LAMBDA = 'lambda.amazonaws.com';
const CODE_MODIFIED = 'Persistence:Lambda/FunctionCodeModified';

/** The account of a layer version ARN (`arn:aws:lambda:<region>:<account>:layer:<name>:<version>`). */
function accountOfLayer(arn: string): string {
  const match = /^arn:aws[\w-]*:lambda:[^:]*:(\d{12}):layer:/.exec(arn);
  return match ? match[1] : '';
}

/** AddPermission for `*` without a source account, source ARN or organization condition. */
function invokableByAnyone(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  if (member(parameters, 'Principal') !== '*') return undefined;
  for (const narrowing of ['SourceArn', 'SourceAccount', 'PrincipalOrgID']) if (textOf(member(parameters, narrowing))) return undefined;
  return { details: { functionName: member(parameters, 'FunctionName'), action: member(parameters, 'Action') } };
}

function urlWithoutAuth(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  return member(parameters, 'AuthType') === 'NONE' ? { details: { functionName: member(parameters, 'FunctionName') } } : undefined;
}

function layersSet(event: TrailEvent): SignalMatch | undefined {
  const parameters = requestParameters(event);
  const layers = textsOf(member(parameters, 'Layers'));
  if (layers.length === 0) return undefined;
  const caller = event.identity.accountId;
  const foreign = layers.filter((arn) => accountOfLayer(arn) !== caller);
  return { details: { functionName: member(parameters, 'FunctionName'), layers, layersOfOtherAccounts: foreign } };
}

export const SERVERLESS_RULES: readonly SignalRule[] = [
  {
    signal: 'LambdaFunctionPublicAccess',
    definedBy: 'GuardDuty',
    type: 'Persistence:Lambda/AccountManipulation',
    source: LAMBDA,
    eventNames: withApiVersions('AddPermission', ['20150331', '20150331v2']),
    severity: SEVERITY.HIGH,
    title: 'A Lambda function can be invoked by anyone.',
    description: "The function's resource policy now allows any principal of any account to invoke it.",
    match: invokableByAnyone,
  },
  {
    signal: 'LambdaFunctionUrlPublicAccess',
    definedBy: 'GuardDuty',
    type: 'Persistence:Lambda/ModifyAuthenticationProcess',
    source: LAMBDA,
    eventNames: [...withApiVersions('CreateFunctionUrlConfig', ['20211031']), ...withApiVersions('UpdateFunctionUrlConfig', ['20211031'])],
    severity: SEVERITY.HIGH,
    routineSeverity: SEVERITY.MEDIUM,
    title: 'A Lambda function URL accepts unauthenticated requests.',
    description: 'The function URL uses auth type NONE: anyone on the internet can call the function.',
    match: urlWithoutAuth,
  },
  {
    signal: 'LambdaFunctionCodeUpdated',
    definedBy: 'Bulwark',
    type: CODE_MODIFIED,
    source: LAMBDA,
    eventNames: withApiVersions('UpdateFunctionCode', ['20150331', '20150331v2']),
    severity: SEVERITY.LOW,
    title: "A Lambda function's code was replaced.",
    description: 'The function runs the new code from its next invocation, with its role and its triggers.',
  },
  {
    signal: 'LambdaLayerAttached',
    definedBy: 'Bulwark',
    type: CODE_MODIFIED,
    source: LAMBDA,
    eventNames: withApiVersions('UpdateFunctionConfiguration', ['20150331', '20150331v2']),
    severity: SEVERITY.LOW,
    title: "A Lambda function's layers were set.",
    description: "Layers and extensions run inside the function's environment; a new one can read every invocation.",
    match: layersSet,
  },
  {
    signal: 'SageMakerLifecycleConfigModified',
    definedBy: 'GuardDuty',
    type: 'Execution:SageMaker/CommandAndScriptingInterpreter',
    source: 'sagemaker.amazonaws.com',
    eventNames: ['CreateNotebookInstanceLifecycleConfig', 'UpdateNotebookInstanceLifecycleConfig'],
    severity: SEVERITY.MEDIUM,
    title: 'A SageMaker notebook lifecycle configuration was changed.',
    description: 'Lifecycle scripts run as root on the notebook instances that use them, at creation or start.',
  },
];
