import { getAdjustment, lockProfileAdjustments, StandardAdjustment } from '../../db/adjustment-repo';
import { insertWithdrawal, withdrawalBlockers } from '../../db/adjustment-withdrawal-repo';
import { inTransaction } from '../../db/pool';
import type { Actor } from '../../domain/case';
import type { CaseServices } from '../deps';
import { conflict, forbidden, notFound } from '../errors';

// 撤回调标: a publication nobody has used yet is taken back, so a mistake (an effective month of 9999-12)
// never blocks the next 调标. Its version stops counting as the profile's latest and its bindings stop
// taking effect; the next draft builds on the version in force before it.

/** The adjustment, if the actor may withdraw it: a supervisor of the level that published it (as for publishing). */
export async function withdrawableBy(deps: Pick<CaseServices, 'db'>, actor: Actor, id: string): Promise<StandardAdjustment> {
  const a = await getAdjustment(deps.db, id);
  if (!a) throw notFound(`没有调标 ${id}`);
  if (actor.role !== 'supervisor' || actor.jurisdiction !== a.areaCode)
    throw forbidden(`调标 ${id} 由 ${a.areaCode} 发布，只有该级的监督人员可以撤回；${actor.id} 属于 ${actor.jurisdiction ?? '无辖区'}`);
  return a;
}

export async function withdrawAdjustment(
  deps: Pick<CaseServices, 'db'>,
  actor: Actor,
  id: string,
  reason: string,
): Promise<StandardAdjustment> {
  const a = await withdrawableBy(deps, actor, id);
  await inTransaction(deps.db, async (tx) => {
    await lockProfileAdjustments(tx, a.profileId);
    const b = await withdrawalBlockers(tx, a);
    if (b.alreadyWithdrawn) throw conflict('ALREADY_WITHDRAWN', `调标 ${id} 已经撤回`);
    if (b.runStatus)
      throw conflict('ADJUSTMENT_APPLIED', `调标 ${id} 已开始执行（批处理状态 ${b.runStatus}），不能撤回；如需更正，请另行发布调标`);
    if (b.laterAdjustment)
      throw conflict('NOT_LATEST_ADJUSTMENT', `调标 ${b.laterAdjustment} 是在 ${id} 的基础上发布的：请先撤回 ${b.laterAdjustment}`);
    if (b.casesUnderVersion > 0)
      throw conflict(
        'VERSION_IN_USE',
        `已有 ${b.casesUnderVersion} 件案件按 ${a.profileId} v${a.toVersion} 办理，不能撤回；如需更正，请另行发布调标`,
      );
    await insertWithdrawal(tx, id, reason, actor);
  });
  return (await getAdjustment(deps.db, id))!;
}
