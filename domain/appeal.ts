import { addDays, addMonths, DateStr } from './calendar';
import type { AppealRights } from './case';
import type { CaseProfile } from './profile-slice';

/** 行政复议 and 行政诉讼 deadlines counted from the decision date, with the bodies that hear them. */
export function appealRights(p: CaseProfile, decidedOn: DateStr): AppealRights {
  const a = p.appeal;
  return {
    reconsideration: {
      body: a.reconsiderationBody.value,
      days: a.reconsiderationDays.value,
      deadline: addDays(decidedOn, a.reconsiderationDays.value),
    },
    litigation: {
      body: a.litigationBody.value,
      months: a.litigationMonths.value,
      deadline: addMonths(decidedOn, a.litigationMonths.value),
    },
  };
}
