// STRATIFIED and GROUP splits drawn by the platform: from the per-sample labels and groups recorded
// when the dataset was registered from its pack, with the domain's sampler (the same seed names the
// same members on every path). Datasets registered without a pack have no labels here.
import { bytesToIndices, drawGroupSplit, drawStratifiedSplit } from '@distillery/domain';
import { badInput } from '@distillery/errors';

import { yieldToEventLoop } from '../../limits/sizes.ts';

interface SplitDataset {
  name: string;
  sampleLabels: Uint8Array | null;
  groupNames: string[];
}

interface ExactInput {
  method: 'STRATIFIED' | 'GROUP' | 'BERNOULLI';
  seed: number;
  valFraction: number;
  testFraction: number;
}

/** The methods createSplit draws by itself for a dataset (the dashboard offers these). */
export function datasetSplitMethods(d: {
  sampleLabels: Uint8Array | null;
  sampleGroups: Uint8Array | null;
}): ('BERNOULLI' | 'STRATIFIED' | 'GROUP')[] {
  if (!d.sampleLabels) return ['BERNOULLI'];
  return d.sampleGroups ? ['BERNOULLI', 'STRATIFIED', 'GROUP'] : ['BERNOULLI', 'STRATIFIED'];
}

/** The assignment of a STRATIFIED or GROUP split of `dataset` (BAD_USER_INPUT when it cannot be drawn). */
export async function drawExactSplit(
  dataset: SplitDataset,
  input: ExactInput,
  groups: Uint32Array | null,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!dataset.sampleLabels)
    throw badInput(
      'input.method',
      input.method,
      `dataset ${dataset.name} was registered without a pack, so the platform has no labels to draw a ${input.method} split from; re-import it with \`distillery datasets import\` or pass assignmentBase64`,
    );
  if (input.method === 'GROUP' && !groups)
    throw badInput(
      'input.method',
      input.method,
      `dataset ${dataset.name} has no groups; import it with a group column (CSV), group folders or --group-pattern`,
    );
  const labels = bytesToIndices(new Uint8Array(dataset.sampleLabels));
  await yieldToEventLoop();
  const draw = { seed: input.seed, valFraction: input.valFraction, testFraction: input.testFraction };
  const assignment =
    input.method === 'GROUP' ? drawGroupSplit(labels, groups!, draw) : drawStratifiedSplit(labels, draw);
  await yieldToEventLoop();
  return assignment;
}
