/**
 * A handler's output may carry the HTTP status itself under this key when the model has no
 * status member for it (S3 GetObject answers 206 Partial Content to a range read). A symbol
 * never collides with a modelled member and is never serialized.
 */
export const HTTP_STATUS: unique symbol = Symbol('httpStatus');

export function setHttpStatus(output: object, status: number): void {
  (output as Record<symbol, unknown>)[HTTP_STATUS] = status;
}
