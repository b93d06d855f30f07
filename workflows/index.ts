export { caseWorkflow } from './case-workflow';
export { benefitWorkflow } from './benefit-workflow';
export { payrollWorkflow } from './payroll-workflow';
