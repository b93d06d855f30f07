// A deliberately changed case workflow: it waits before loading the profile, which the recorded
// histories never did. Replay must report the divergence instead of passing.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { CaseInput } from '../../workflows/definitions';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });

export async function caseWorkflow(input: CaseInput): Promise<void> {
  await sleep('1 minute');
  await acts.loadProfile(input.application.profileId);
}
