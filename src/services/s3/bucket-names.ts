/**
 * The rules S3 sets for general purpose bucket names: 3–63 characters of lower-case letters,
 * digits, dots and hyphens; beginning and ending with a letter or digit; no two adjacent dots;
 * not shaped like an IPv4 address; none of the reserved prefixes (`xn--`, `sthree-`,
 * `amzn-s3-demo-`) or suffixes (`-s3alias`, `--ol-s3`, `.mrap`, `--x-s3`, `--table-s3`).
 */
import { invalidBucketName } from './common.js';

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why `name` is not a valid bucket name, or undefined when it is. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'length';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return 'characters';
  if (name.includes('..')) return 'adjacent dots';
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return 'IP address';
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return 'reserved prefix';
  if (RESERVED_SUFFIXES.some((s) => name.endsWith(s))) return 'reserved suffix';
  return undefined;
}

/** InvalidBucketName unless `name` follows the naming rules. */
export function checkBucketName(name: string): void {
  if (bucketNameProblem(name) !== undefined) throw invalidBucketName(name);
}
