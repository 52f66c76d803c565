import { serializedName, type QueryDialect } from '../query/index.js';

/**
 * EC2's request naming: a member is sent under its `queryName`, else its locationName with
 * the first letter capitalized, else its member name; list members are always `Name.N`.
 */
export const ec2Dialect: QueryDialect = {
  name: 'ec2',
  flatLists: true,
  inputName(_model, memberName, ref, shape) {
    if (ref.queryName) return ref.queryName;
    const name = serializedName(ref, shape);
    return name ? name.charAt(0).toUpperCase() + name.slice(1) : memberName;
  },
};
