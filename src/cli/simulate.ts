/** `bulwark simulate [technique…]`: attack techniques against a running Bulwark. */
export async function simulate(argv: string[]): Promise<number> {
  console.error(`bulwark simulate: not built yet (${argv.length} arguments)`);
  return 2;
}
