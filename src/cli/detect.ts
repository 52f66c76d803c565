/** `bulwark detect <files or directories>`: the detectors over CloudTrail log files. */
export async function detect(argv: string[]): Promise<number> {
  console.error(`bulwark detect: not built yet (${argv.length} arguments)`);
  return 2;
}
