// A workflow that imports zod on purpose: test/workflow-bundle.test.ts bundles it to show that its
// marker does find zod in a bundle, so the check on the real bundle can fail.
import { z } from 'zod';

export async function probe(x: unknown): Promise<string> {
  return z.string().parse(x);
}
