export { caseWorkflow } from './case-workflow';
export { benefitWorkflow } from './benefit-workflow';
export { payrollWorkflow } from './payroll-workflow';
export { deliberationWorkflow } from './deliberation-workflow';
export { temporaryAidWorkflow } from './temporary-workflow';
export { referralWorkflow } from './referral-workflow';

export { calendarFanOutWorkflow } from './calendar-fanout-workflow';
export { adjustmentWorkflow } from './adjustment-workflow';
