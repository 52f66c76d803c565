import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';

/**
 * Where each member of a top-level input or output structure travels in a REST message: URI
 * label, query parameter (or the whole query as a map), header, prefixed headers
 * (`x-amz-meta-*`), the status code, the payload member, or the body document. Built once per
 * shape.
 */
export interface MemberPlan {
  name: string;
  ref: ShapeRef;
  shape: Shape;
  /** The wire name: label, query parameter or (lower-cased) header name or prefix. */
  wire: string;
}

export interface StructurePlan {
  labels: MemberPlan[];
  query: MemberPlan[];
  queryMap?: MemberPlan;
  headers: MemberPlan[];
  prefixHeaders: MemberPlan[];
  statusCode?: MemberPlan;
  /** The member that is the whole body (`payload`), if the shape names one. */
  payload?: MemberPlan;
  /** Members serialized in the body document (none when there is a payload member). */
  body: MemberPlan[];
}

const plans = new WeakMap<Shape, StructurePlan>();

export function structurePlan(model: ServiceModel, shape: Shape): StructurePlan {
  let plan = plans.get(shape);
  if (plan) return plan;
  plan = { labels: [], query: [], headers: [], prefixHeaders: [], body: [] };
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const member: MemberPlan = { name, ref, shape: model.shape(ref.shape), wire: ref.locationName ?? name };
    switch (ref.location) {
      case 'uri': plan.labels.push(member); break;
      case 'querystring':
        if (member.shape.type === 'map') plan.queryMap = member;
        else plan.query.push(member);
        break;
      case 'header': plan.headers.push({ ...member, wire: member.wire.toLowerCase() }); break;
      case 'headers': plan.prefixHeaders.push({ ...member, wire: member.wire.toLowerCase() }); break;
      case 'statusCode': plan.statusCode = member; break;
      default:
        if (name === shape.payload) plan.payload = member;
        else if (!shape.payload) plan.body.push(member);
    }
  }
  plans.set(shape, plan);
  return plan;
}
