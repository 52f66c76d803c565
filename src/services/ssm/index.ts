/**
 * AWS Systems Manager Parameter Store: String, StringList and SecureString parameters (values
 * encrypted with Bulwark's KMS on the caller's behalf), versions and labels, tiers, parameter
 * policies (Expiration enforced by housekeeping), hierarchies, tags, and references to Secrets
 * Manager secrets. The rest of Systems Manager answers NotImplemented.
 */
import type { OperationHandler, ServiceDefinition } from '../types.js';
import { ssmAuthorization } from './authorization.js';
import { deleteParameter, deleteParameters } from './delete-parameters.js';
import { describeParameters } from './describe-parameters.js';
import { sweepExpired } from './expiration.js';
import { getParameter, getParameters } from './get-parameters.js';
import { getParametersByPath } from './get-parameters-by-path.js';
import { labelParameterVersion, unlabelParameterVersion } from './labels.js';
import { invalidateParameterCache } from './parameter-cache.js';
import { getParameterHistory } from './parameter-history.js';
import { putParameter } from './put-parameter.js';
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './tags.js';

/** Each operation that may change a parameter empties the parameter cache once it ran. */
function invalidating(handler: OperationHandler): OperationHandler {
  return async (ctx, input) => {
    try {
      return await handler(ctx, input);
    } finally {
      invalidateParameterCache();
    }
  };
}

export const ssmService: ServiceDefinition = {
  name: 'ssm',
  operations: {
    GetParameter: getParameter,
    GetParameters: getParameters,
    GetParametersByPath: getParametersByPath,
    GetParameterHistory: getParameterHistory,
    DescribeParameters: describeParameters,
    ListTagsForResource: listTagsForResource,
    PutParameter: invalidating(putParameter),
    DeleteParameter: invalidating(deleteParameter),
    DeleteParameters: invalidating(deleteParameters),
    LabelParameterVersion: invalidating(labelParameterVersion),
    UnlabelParameterVersion: invalidating(unlabelParameterVersion),
    AddTagsToResource: invalidating(addTagsToResource),
    RemoveTagsFromResource: invalidating(removeTagsFromResource),
  },
  authorization: ssmAuthorization,
  housekeeping: (store, now) => sweepExpired(store, now),
};
