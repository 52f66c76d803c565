/**
 * Policies (SCPs and RCPs): Create/Describe/Update/DeletePolicy, ListPolicies, Attach/DetachPolicy,
 * ListPoliciesForTarget, ListTargetsForPolicy; and tags on roots, OUs, accounts and policies.
 */
import { compilePolicy, PolicyValidationError } from '../../iam/policy/index.js';
import type { StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import {
  accessDenied,
  constraintViolation,
  duplicatePolicy,
  duplicatePolicyAttachment,
  invalidInput,
  malformedPolicy,
  mergeTags,
  removeTags,
  newPolicyId,
  pageOutput,
  paginate,
  policyArn,
  policyInUse,
  policyNotAttached,
  policyTypeNotAvailable,
  policyTypeNotEnabled,
  requestTags,
  targetNotFound,
  type Tag,
} from './common.js';
import {
  KIND,
  MANAGED_POLICIES,
  SUPPORTED_POLICY_TYPES,
  attachmentsOf,
  findPolicy,
  findTarget,
  getRoot,
  isAttached,
  isEnabled,
  putAttachment,
  removeAttachment,
  requireManagement,
  requirePolicy,
  requireTarget,
  saveTarget,
  targetsOf,
  type OrgContext,
  type PolicyRecord,
  type Target,
} from './state.js';

/** The largest SCP or RCP document, in characters. */
export const MAX_POLICY_SIZE = 5120;
/** At most five policies of one type on one root, OU or account. */
export const MAX_ATTACHED = 5;

function summaryOutput(p: PolicyRecord): Record<string, unknown> {
  return { Id: p.Id, Arn: p.Arn, Name: p.Name, Description: p.Description, Type: p.Type, AwsManaged: p.AwsManaged };
}

function policyOutput(p: PolicyRecord): Record<string, unknown> {
  return { PolicySummary: summaryOutput(p), Content: p.Content };
}

/** Validates an SCP or RCP document: size, then grammar (compilePolicy). */
function validateContent(type: string, content: string): void {
  if (content.length > MAX_POLICY_SIZE) {
    throw constraintViolation('POLICY_CONTENT_LIMIT_EXCEEDED', `You attempted to create a policy larger than the maximum size of ${MAX_POLICY_SIZE} characters.`);
  }
  try {
    compilePolicy(content, type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : 'scp');
  } catch (err) {
    if (err instanceof PolicyValidationError) {
      throw malformedPolicy(`The provided policy document does not meet the requirements of the specified policy type. ${err.message}`.trim());
    }
    throw err;
  }
}

async function customerPolicies(ops: StoreOps, oc: OrgContext): Promise<PolicyRecord[]> {
  return (await ops.list<PolicyRecord>(oc.scope, KIND.policy)).items.map((i) => i.value);
}

async function assertNameFree(ops: StoreOps, oc: OrgContext, type: string, name: string, except?: string): Promise<void> {
  if ((await customerPolicies(ops, oc)).some((p) => p.Type === type && p.Name === name && p.Id !== except)) throw duplicatePolicy();
}

export const createPolicy: OperationHandler = async (ctx, input) => {
  const type = input.Type as string;
  const content = input.Content as string;
  const tags = requestTags(input);
  const policy = await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    if (!SUPPORTED_POLICY_TYPES.includes(type)) throw policyTypeNotAvailable();
    validateContent(type, content);
    const name = input.Name as string;
    await assertNameFree(tx, oc, type, name);
    const id = newPolicyId();
    const record: PolicyRecord = {
      Id: id,
      Arn: policyArn(oc.org.MasterAccountId, oc.org.Id, type, id),
      Name: name,
      Description: (input.Description as string | undefined) ?? '',
      Type: type,
      AwsManaged: false,
      Content: content,
      Tags: tags,
    };
    await tx.put(oc.scope, KIND.policy, id, record);
    return record;
  });
  return { Policy: policyOutput(policy) };
};

export const describePolicy: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  return { Policy: policyOutput(await requirePolicy(ctx.store, oc, input.PolicyId as string)) };
};

export const updatePolicy: OperationHandler = async (ctx, input) => {
  const policy = await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const policy = await requirePolicy(tx, oc, input.PolicyId as string);
    if (policy.AwsManaged) throw accessDenied();
    const updated = { ...policy };
    if (typeof input.Name === 'string') {
      await assertNameFree(tx, oc, policy.Type, input.Name, policy.Id);
      updated.Name = input.Name;
    }
    if (typeof input.Description === 'string') updated.Description = input.Description;
    if (typeof input.Content === 'string') {
      validateContent(policy.Type, input.Content);
      updated.Content = input.Content;
    }
    await tx.put(oc.scope, KIND.policy, policy.Id, updated);
    return updated;
  });
  return { Policy: policyOutput(policy) };
};

export const deletePolicy: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const policy = await requirePolicy(tx, oc, input.PolicyId as string);
    if (policy.AwsManaged) throw accessDenied();
    if ((await targetsOf(tx, oc.scope, policy.Id)).length > 0) throw policyInUse();
    await tx.delete(oc.scope, KIND.policy, policy.Id);
  });
  return {};
};

export const listPolicies: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const type = input.Filter as string;
  const all = [...Object.values(MANAGED_POLICIES), ...(await customerPolicies(ctx.store, oc))]
    .filter((p) => p.Type === type)
    .sort((a, b) => (a.Id < b.Id ? -1 : 1));
  return pageOutput('Policies', paginate(all, (p) => p.Id, input), summaryOutput);
};

export const attachPolicy: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const policy = await requirePolicy(tx, oc, input.PolicyId as string);
    const target = await requireTarget(tx, oc, input.TargetId as string);
    if (!isEnabled(await getRoot(tx, oc), policy.Type)) throw policyTypeNotEnabled();
    if (await isAttached(tx, oc.scope, target.record.Id, policy.Id)) throw duplicatePolicyAttachment();
    if ((await attachmentsOf(tx, oc.scope, target.record.Id, policy.Type)).length >= MAX_ATTACHED) {
      throw constraintViolation('MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', 'You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.');
    }
    await putAttachment(tx, oc.scope, target.record.Id, policy);
  });
  return {};
};

export const detachPolicy: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const policy = await requirePolicy(tx, oc, input.PolicyId as string);
    const target = await requireTarget(tx, oc, input.TargetId as string);
    if (!(await isAttached(tx, oc.scope, target.record.Id, policy.Id))) throw policyNotAttached();
    // Every root, OU and account keeps at least one policy of each enabled SCP/RCP type.
    if ((await attachmentsOf(tx, oc.scope, target.record.Id, policy.Type)).length <= 1) {
      throw constraintViolation('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', 'You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.');
    }
    await removeAttachment(tx, oc.scope, target.record.Id, policy.Id);
  });
  return {};
};

export const listPoliciesForTarget: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const target = await requireTarget(ctx.store, oc, input.TargetId as string);
  const policies: PolicyRecord[] = [];
  for (const a of await attachmentsOf(ctx.store, oc.scope, target.record.Id, input.Filter as string)) {
    const p = await findPolicy(ctx.store, oc, a.PolicyId);
    if (p) policies.push(p);
  }
  policies.sort((a, b) => (a.Id < b.Id ? -1 : 1));
  return pageOutput('Policies', paginate(policies, (p) => p.Id, input), summaryOutput);
};

function targetOutput(t: Target): Record<string, unknown> {
  return { TargetId: t.record.Id, Arn: t.record.Arn, Name: t.record.Name, Type: t.type };
}

export const listTargetsForPolicy: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const policy = await requirePolicy(ctx.store, oc, input.PolicyId as string);
  const targets: Target[] = [];
  for (const a of await targetsOf(ctx.store, oc.scope, policy.Id)) {
    const t = await findTarget(ctx.store, oc, a.TargetId);
    if (t) targets.push(t);
  }
  return pageOutput('Targets', paginate(targets, (t) => t.record.Id, input), targetOutput);
};

// --- tags ------------------------------------------------------------------------------------

interface Tagged {
  tags: Tag[];
  save(tags: Tag[]): Promise<void>;
}

/** A root, OU, account or customer managed policy by id, with its tags. */
async function taggable(ops: StoreOps, oc: OrgContext, id: string): Promise<Tagged> {
  if (id.startsWith('p-')) {
    const policy = await findPolicy(ops, oc, id);
    if (!policy) throw targetNotFound();
    if (policy.AwsManaged) throw invalidInput('You cannot tag an AWS managed policy.', 'INVALID_RESOURCE_ID');
    return { tags: policy.Tags ?? [], save: (tags) => ops.put(oc.scope, KIND.policy, policy.Id, { ...policy, Tags: tags }).then(() => undefined) };
  }
  const target = await findTarget(ops, oc, id);
  if (!target) throw targetNotFound();
  return {
    tags: target.record.Tags ?? [],
    save: (tags) => saveTarget(ops, oc, { ...target, record: { ...target.record, Tags: tags } } as Target),
  };
}

export const tagResource: OperationHandler = async (ctx, input) => {
  const added = requestTags(input);
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const found = await taggable(tx, oc, input.ResourceId as string);
    await found.save(mergeTags(found.tags, added));
  });
  return {};
};

export const untagResource: OperationHandler = async (ctx, input) => {
  await ctx.store.transaction(async (tx) => {
    const oc = await requireManagement(ctx, tx);
    const found = await taggable(tx, oc, input.ResourceId as string);
    await found.save(removeTags(found.tags, input.TagKeys as string[]));
  });
  return {};
};

export const listTagsForResource: OperationHandler = async (ctx, input) => {
  const oc = await requireManagement(ctx);
  const { tags } = await taggable(ctx.store, oc, input.ResourceId as string);
  const indexed = tags.map((tag, i) => ({ tag, key: String(i).padStart(4, '0') }));
  return pageOutput('Tags', paginate(indexed, (t) => t.key, { NextToken: input.NextToken, MaxResults: 1000 }), (t) => t.tag);
};
