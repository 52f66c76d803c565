import type { ServiceModel, Shape } from '../../models/index.js';
import { parseXml, type XmlNode } from '../shared/xml.js';
import type { RestDialect } from '../rest/dialect.js';
import { createRestCodec } from '../rest/rest-codec.js';
import { BadText } from '../rest/scalar-text.js';
import { invalidArgument, malformedXml, requestIdHeaders, unknownOperationException, validationException, writeRestXmlError } from './errors.js';
import { isS3, s3FinishInput, s3OutputRoot, s3UnknownOperation, s3ValidationError } from './s3.js';
import { s3PathStyle } from './s3-addressing.js';
import { xmlMembers } from './xml-names.js';
import { readXmlMembers, readXmlValue } from './xml-reader.js';
import { namespaceAttribute, writeXmlElement, writeXmlMembers, xmlElement } from './xml-writer.js';

/**
 * The rest-xml protocol (S3, S3 Control): HTTP-bound members in labels, query and headers; the
 * rest in an XML document (`Content-Type: application/xml`), or the payload member as the whole
 * body (an XML document rooted at the member's name, raw bytes, or text).
 */
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function parseBody(body: Buffer): XmlNode {
  try {
    return parseXml(body.toString('utf8'));
  } catch {
    throw malformedXml();
  }
}

function readTyped<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof BadText) throw malformedXml();
    throw err;
  }
}

const namespaces = new WeakMap<ServiceModel, { uri?: string }>();

/** The namespace of the service's documents: the model's, else the one its inputs declare most. */
function defaultNamespace(model: ServiceModel): string | undefined {
  let ns = namespaces.get(model);
  if (!ns) {
    const counts = new Map<string, number>();
    for (const shape of Object.values(model.shapes)) {
      for (const ref of Object.values(shape.members ?? {})) {
        const uri = ref.xmlNamespace?.uri;
        if (uri && !ref.xmlNamespace?.prefix) counts.set(uri, (counts.get(uri) ?? 0) + 1);
      }
    }
    const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    ns = { uri: model.metadata.xmlNamespace ?? common };
    namespaces.set(model, ns);
  }
  return ns.uri;
}

function rootNamespace(model: ServiceModel, ...declared: ({ uri?: string; prefix?: string } | undefined)[]): string {
  const own = declared.find((ns) => ns?.uri && !ns.prefix);
  return namespaceAttribute(own ?? { uri: defaultNamespace(model) });
}

const restXmlDialect: RestDialect = {
  contentType: 'application/xml',

  requestPath(req, model) {
    return isS3(model) ? s3PathStyle(req) : req.path;
  },

  finishInput(req, model, _op, input) {
    if (isS3(model)) s3FinishInput(req, input);
  },

  readDocument(model, shape, members, body) {
    const root = parseBody(body);
    return readTyped(() => readXmlMembers(model, xmlMembers(model, members, () => members.map((m) => [m.name, m.ref])), root));
  },

  readPayload(model, member, body) {
    const root = parseBody(body);
    return readTyped(() => readXmlValue(model, member.ref, root));
  },

  writeDocument(model, op, shape, members, output) {
    if (members.length === 0) return undefined;
    const shapeName = op.output?.shape ?? 'Output';
    const root = isS3(model) ? s3OutputRoot(shapeName) : shape.locationName ?? shapeName;
    const ns = rootNamespace(model, shape.xmlNamespace);
    const table = xmlMembers(model, members, () => members.map((m) => [m.name, m.ref]));
    const only = table.length === 1 ? table[0] : undefined;
    if (only && only.xmlName === root && !['structure', 'list', 'map'].includes(only.shape.type)) {
      // S3's GetBucketLocation: the document is the one value, `<LocationConstraint>eu-west-1</…>`.
      const value = output[only.name];
      return XML_DECLARATION + (value === undefined || value === null ? `<${root}${ns}/>` : writeXmlElement(model, root, only.ref, value, ns));
    }
    const { attributes, inner } = writeXmlMembers(model, table, output);
    return XML_DECLARATION + xmlElement(root, ns + attributes, inner);
  },

  writePayload(model, member, value) {
    const shape: Shape = member.shape;
    const name = member.ref.locationName ?? shape.locationName ?? member.ref.shape;
    const ns = member.ref.xmlNamespace ?? shape.xmlNamespace ? '' : rootNamespace(model);
    return XML_DECLARATION + writeXmlElement(model, name, member.ref, value, ns);
  },

  requestIdHeaders(model, ctx) {
    return requestIdHeaders(model, ctx.requestId);
  },

  badValue(model, _location, wire, text, reason) {
    return invalidArgument(wire, text, reason.includes('integer'));
  },

  malformedBody() {
    return malformedXml();
  },

  unknownOperation(model, req, path, methods) {
    return isS3(model) ? s3UnknownOperation(req, path, methods) : unknownOperationException(req.method, path);
  },

  serializeError(model, op, error, ctx) {
    return writeRestXmlError(model, op, error, ctx);
  },

  validationError(violations, model) {
    return !model || isS3(model) ? s3ValidationError(violations, model) : validationException(violations);
  },
};

export const restXmlCodec = createRestCodec(restXmlDialect);
