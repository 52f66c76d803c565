/**
 * AWS Systems Manager Parameter Store: String, StringList and SecureString parameters (values
 * encrypted with Bulwark's KMS on the caller's behalf), versions and labels, tiers, parameter
 * policies (Expiration enforced by housekeeping), hierarchies, tags, and references to Secrets
 * Manager secrets. The rest of Systems Manager answers NotImplemented.
 */
import { invalidatingWrites } from '../shared/invalidating-writes.js';
import type { ServiceDefinition } from '../types.js';
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

export const ssmService: ServiceDefinition = {
  name: 'ssm',
  operations: invalidatingWrites(
    {
      GetParameter: getParameter,
      GetParameters: getParameters,
      GetParametersByPath: getParametersByPath,
      GetParameterHistory: getParameterHistory,
      DescribeParameters: describeParameters,
      ListTagsForResource: listTagsForResource,
      PutParameter: putParameter,
      DeleteParameter: deleteParameter,
      DeleteParameters: deleteParameters,
      LabelParameterVersion: labelParameterVersion,
      UnlabelParameterVersion: unlabelParameterVersion,
      AddTagsToResource: addTagsToResource,
      RemoveTagsFromResource: removeTagsFromResource,
    },
    (operation) => /^(Get|Describe|List)/.test(operation),
    invalidateParameterCache,
  ),
  authorization: ssmAuthorization,
  housekeeping: (store, now) => sweepExpired(store, now),
};
