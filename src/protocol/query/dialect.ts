import type { ServiceModel, Shape, ShapeRef } from '../../models/index.js';

/**
 * What differs between the `query` protocol and its `ec2` variant on the request side: the
 * parameter name of a structure member and how list members are numbered. Responses follow
 * the same XML naming rules in both, so the writer needs no dialect.
 */
export interface QueryDialect {
  readonly name: 'query' | 'ec2';
  /** The request parameter segment that carries structure member `memberName`. */
  inputName(model: ServiceModel, memberName: string, ref: ShapeRef, shape: Shape): string;
  /** True when list members are always `Name.N` (ec2); query uses `Name.member.N` unless flattened. */
  readonly flatLists: boolean;
}

/** A member's serialized name: the ref's locationName, else its target shape's. */
export function serializedName(ref: ShapeRef, shape: Shape): string | undefined {
  return ref.locationName ?? shape.locationName;
}

export function isFlattened(ref: ShapeRef | undefined, shape: Shape): boolean {
  return ref?.flattened ?? shape.flattened ?? false;
}

export const queryDialect: QueryDialect = {
  name: 'query',
  flatLists: false,
  inputName(model, memberName, ref, shape) {
    // A flattened list whose member has a name is sent under that name: `Item.1`, not `Items.1`.
    if (shape.type === 'list' && shape.member && isFlattened(ref, shape)) {
      const itemName = serializedName(shape.member, model.shape(shape.member.shape));
      if (itemName) return itemName;
    }
    return serializedName(ref, shape) ?? memberName;
  },
};
